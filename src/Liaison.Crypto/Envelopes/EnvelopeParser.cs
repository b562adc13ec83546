using Google.Protobuf;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>The result of the parse step: an envelope whose structure can be trusted by later steps.</summary>
internal sealed record ParsedEnvelope(RejectionCheck Check, SealedEnvelope? Envelope, EnvelopeHeader? Header, CipherSuite? Suite);

/// <summary>
/// Step 1 of opening: decode the protobuf and check every structural rule of the
/// spec, so that later steps can rely on lengths, times and enum values.
/// </summary>
internal static class EnvelopeParser
{
    public const int MaxSignatures = 2;

    public static ParsedEnvelope Parse(ReadOnlySpan<byte> bytes)
    {
        SealedEnvelope envelope;
        EnvelopeHeader header;
        try
        {
            envelope = SealedEnvelope.Parser.ParseFrom(bytes);
            header = EnvelopeHeader.Parser.ParseFrom(envelope.Header);
        }
        catch (InvalidProtocolBufferException)
        {
            return Fail(RejectionReason.Malformed, "The bytes are not a valid sealed envelope (protobuf decoding failed).", null);
        }

        if (header.FormatVersion != 1)
        {
            return Fail(RejectionReason.UnsupportedFormatVersion, $"Envelope format version {header.FormatVersion} is not supported; this node reads version 1.", header);
        }

        var suite = CipherSuites.Find(header.Suite);
        var created = ProtoTime.TryToDateTimeOffset(header.CreatedAt);
        var expires = ProtoTime.TryToDateTimeOffset(header.ExpiresAt);
        var problem =
            !UuidV7.IsValid(header.EnvelopeId.Span) ? "The envelope id is not a 16-byte UUIDv7." :
            !Identifiers.IsMessageType(header.MessageType) ? "The message type is not a lower-case dotted name." :
            !Identifiers.IsNodeId(header.SenderNode) || !Identifiers.IsNodeId(header.RecipientNode) ? "A node id is not lower-case letters, digits and '-'." :
            header.SenderKeyId.Length != KeyIds.Length || header.RecipientKeyId.Length != KeyIds.Length ? "A key id is not 16 bytes." :
            suite is null ? "The suite is missing or unknown." :
            created is null || expires is null || expires <= created ? "The created and expires times are missing or out of order." :
            !Identifiers.IsReference(header.CaseReference) || !Identifiers.IsReference(header.CorrelationId) ? "The case reference or correlation id has characters outside the allowed set." :
            !Enum.IsDefined(header.Priority) || header.Priority == Priority.Unspecified ? "The priority is missing or unknown." :
            header.KeyEstablishment is null || header.KeyEstablishment.Encapsulation.Length != suite.EncapsulationLength
                || ProtoTime.TryToDateTimeOffset(header.KeyEstablishment.SessionStartedAt) is null ? "The key establishment is missing or has the wrong length for the suite." :
            envelope.Ciphertext.Length < ContentKey.TagLength ? "The ciphertext is shorter than an authentication tag." :
            null;
        if (problem is not null)
        {
            return Fail(RejectionReason.Malformed, problem, header);
        }

        var shape = SignerChecks.CheckShape(suite!, header.SignatureAlgorithms, envelope.Signatures);
        return shape.Failed
            ? new ParsedEnvelope(shape, null, header, null)
            : new ParsedEnvelope(RejectionCheck.Ok, envelope, header, suite);
    }

    private static ParsedEnvelope Fail(RejectionReason reason, string detail, EnvelopeHeader? header) =>
        new(new RejectionCheck(reason, detail), null, header, null);
}
