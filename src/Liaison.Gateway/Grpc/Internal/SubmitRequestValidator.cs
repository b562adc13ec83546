using Google.Rpc;
using Liaison.Crypto;
using Liaison.Crypto.Agreements;
using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// Checks every field of a submit before the store is touched, and reports all bad
/// fields at once so that a caller fixes them in one round. The descriptions never
/// repeat the values sent.
/// </summary>
internal static class SubmitRequestValidator
{
    private const string ReferenceRule = "up to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'";

    /// <exception cref="InvalidRequestException">At least one field is not valid.</exception>
    public static SubmitRequest Validate(SubmitMessageRequest request, AgreementInForce agreement)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        void Check(bool valid, string field, string description)
        {
            if (!valid)
            {
                violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
            }
        }

        Check(request.RequestId.Length > 0, "request_id", "A request id is required: choose a new one (a UUID, say) per message and reuse it only to retry.");
        Check(request.RequestId.Length == 0 || Identifiers.IsReference(request.RequestId), "request_id", $"A request id is {ReferenceRule}.");
        Check(Identifiers.IsNodeId(request.RecipientNode), "recipient_node", "A node id is lower-case letters, digits and '-', at most 63 characters, e.g. cn-yunnan.");
        Check(Identifiers.IsMessageType(request.MessageType), "message_type", "A message type is a lower-case dotted name, e.g. verification.request.");
        Check(!request.Payload.IsEmpty, "payload", "A payload is required.");
        Check((ulong)request.Payload.Length <= agreement.Document.MaxMessageBytes, "payload", $"The payload is larger than the agreement's limit of {agreement.Document.MaxMessageBytes} bytes.");
        Check(Identifiers.IsReference(request.CaseReference), "case_reference", $"A case reference is {ReferenceRule}; it travels in clear text, so never a name.");
        Check(Identifiers.IsReference(request.CorrelationId), "correlation_id", $"A correlation id is {ReferenceRule}.");
        Check(Enum.IsDefined(request.Priority), "priority", "The priority must be PRIORITY_ROUTINE, PRIORITY_HIGH or PRIORITY_URGENT (unspecified means routine).");
        var lifetime = Lifetime(request, agreement, out var lifetimeProblem);
        Check(lifetimeProblem is null, "lifetime", lifetimeProblem ?? "");
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }

        return new SubmitRequest(request.RequestId, request.RecipientNode, request.MessageType, request.Payload.Memory)
        {
            CaseReference = request.CaseReference,
            CorrelationId = request.CorrelationId,
            Priority = request.Priority == Priority.Unspecified ? Priority.Routine : request.Priority,
            Lifetime = lifetime,
        };
    }

    private static TimeSpan? Lifetime(SubmitMessageRequest request, AgreementInForce agreement, out string? problem)
    {
        problem = null;
        if (request.Lifetime is null)
        {
            return null;
        }

        var max = agreement.MaxEnvelopeLifetime;
        var lifetime = Normalized(request.Lifetime);
        if (lifetime is not { } value || value <= TimeSpan.Zero || value > max)
        {
            problem = $"A lifetime is positive and at most the agreement's maximum of {max}.";
            return null;
        }

        return value;
    }

    // Seconds and nanoseconds of opposite signs, or out of range, are not a duration.
    private static TimeSpan? Normalized(Google.Protobuf.WellKnownTypes.Duration duration)
    {
        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
