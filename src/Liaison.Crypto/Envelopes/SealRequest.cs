using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>What to seal, for whom. The payload is the only part that is encrypted.</summary>
public sealed record SealRequest(string RecipientNode, string MessageType, ReadOnlyMemory<byte> Payload)
{
    /// <summary>An opaque case reference such as "LC-2026-0042". It travels in clear text: never a name.</summary>
    public string CaseReference { get; init; } = "";

    public string CorrelationId { get; init; } = "";

    public Priority Priority { get; init; } = Priority.Routine;

    /// <summary>The per-link sequence number, assigned durably by the caller.</summary>
    public ulong Sequence { get; init; }

    /// <summary>How long the envelope stays valid; defaults to the agreement's maximum.</summary>
    public TimeSpan? Lifetime { get; init; }
}

/// <summary>A sealed envelope: the exact bytes to send, and the header they carry.</summary>
public sealed record SealResult(byte[] Bytes, EnvelopeHeader Header)
{
    public Guid EnvelopeId => new(Header.EnvelopeId.Span, bigEndian: true);
}

/// <summary>How the sender establishes content keys.</summary>
public enum KeyExchangeMode
{
    /// <summary>One encapsulation per link session, rotated by the agreement's session policy.</summary>
    Session,

    /// <summary>A fresh encapsulation for every envelope: forward secrecy per message, at a higher CPU cost.</summary>
    PerMessage,
}

/// <summary>The sender's local choices. Defaults: session mode.</summary>
public sealed record SealerOptions
{
    public KeyExchangeMode KeyExchange { get; init; } = KeyExchangeMode.Session;
}

/// <summary>The recipient's local tolerances. Defaults: two minutes of clock skew, 4096 cached sessions.</summary>
public sealed record OpenerOptions
{
    /// <summary>How far clocks may disagree: applied to "expired" and "created in the future" alike.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many decapsulated session secrets to keep.</summary>
    public int SessionCacheSize { get; init; } = 4096;
}
