using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// The outcome of opening an envelope: accepted with its payload, or rejected with
/// a typed reason. <see cref="Detail"/> is a sentence safe to log and audit: it
/// holds node ids and key ids at most, never key material or plaintext.
/// </summary>
public sealed record EnvelopeOpenResult
{
    private EnvelopeOpenResult(RejectionReason reason, string detail, EnvelopeHeader? header, byte[]? payload)
    {
        Reason = reason;
        Detail = detail;
        Header = header;
        Payload = payload;
    }

    /// <summary><see cref="RejectionReason.Unspecified"/> when accepted.</summary>
    public RejectionReason Reason { get; }

    public string Detail { get; }

    /// <summary>The parsed header, when parsing got that far (even on rejection, for auditing).</summary>
    public EnvelopeHeader? Header { get; }

    /// <summary>The decrypted payload; null when rejected or when only verified.</summary>
    public byte[]? Payload { get; }

    public bool IsAccepted => Reason == RejectionReason.Unspecified;

    public Guid? EnvelopeId => Header is { EnvelopeId.Length: 16 } h ? new Guid(h.EnvelopeId.Span, bigEndian: true) : null;

    internal static EnvelopeOpenResult Accepted(EnvelopeHeader header, byte[]? payload) =>
        new(RejectionReason.Unspecified, payload is null ? "The envelope is authentic; it was not decrypted." : "The envelope is authentic and decrypted.", header, payload);

    internal static EnvelopeOpenResult Rejected(RejectionCheck check, EnvelopeHeader? header) =>
        new(check.Reason, check.Detail, header, null);
}

/// <summary>The result of one opening check: <see cref="Ok"/>, or a reason with its sentence.</summary>
internal readonly record struct RejectionCheck(RejectionReason Reason, string Detail)
{
    public static readonly RejectionCheck Ok = new(RejectionReason.Unspecified, "");

    public bool Failed => Reason != RejectionReason.Unspecified;
}
