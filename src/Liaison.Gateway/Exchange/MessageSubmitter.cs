using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Exchange;

/// <summary>
/// Accepts a message for a partner: seals it and commits the message, its outbox row
/// and its audit entries in one transaction before answering, then wakes the dispatcher.
/// Idempotent on the request id. Used by the gRPC API and by the demo. Thread-safe.
/// </summary>
public sealed class MessageSubmitter(GatewayNode node, IGatewayStore store, OutboxSignal signal)
{
    /// <exception cref="RequestIdConflictException">The request id was used before with a different request.</exception>
    /// <exception cref="EnvelopeSealException">The agreement does not allow this message.</exception>
    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var submission = new OutboundSubmission(request.RequestId, Digest(request), request.RecipientNode, request.MessageType)
        {
            CaseReference = request.CaseReference,
            CorrelationId = request.CorrelationId,
            Priority = request.Priority,
            // Not "? request.Payload : null": that null would become an empty, present payload (see
            // OptionalBytes), kept encrypted under a data key of its own for every message sent.
            KeptPayload = request.KeepPayload ? request.Payload : default(ReadOnlyMemory<byte>?),
            Actor = request.Actor,
        };
        var result = await store.SubmitAsync(submission, sequence => node.Sealer.Seal(new SealRequest(request.RecipientNode, request.MessageType, request.Payload)
        {
            CaseReference = request.CaseReference,
            CorrelationId = request.CorrelationId,
            Priority = request.Priority,
            Sequence = sequence,
            Lifetime = request.Lifetime,
        }), cancellationToken);
        if (!result.IsReplay)
        {
            signal.Notify();
        }

        return result;
    }

    /// <summary>
    /// SHA-256 over every field of the request, each length-prefixed, so that a retry with
    /// the same id is recognised and the same id with a different request is not.
    /// </summary>
    internal static byte[] Digest(SubmitRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(ReadOnlySpan<byte> field)
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(length, field.Length);
            hash.AppendData(length);
            hash.AppendData(field);
        }

        Add("liaison-submit-request-v1"u8);
        Add(Encoding.UTF8.GetBytes(request.RecipientNode));
        Add(Encoding.UTF8.GetBytes(request.MessageType));
        Add(Encoding.UTF8.GetBytes(request.CaseReference));
        Add(Encoding.UTF8.GetBytes(request.CorrelationId));
        Add(Encoding.UTF8.GetBytes(request.Priority.ToString()));
        Add(Encoding.UTF8.GetBytes(request.Lifetime?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        Add(request.Payload.Span);
        return hash.GetHashAndReset();
    }
}
