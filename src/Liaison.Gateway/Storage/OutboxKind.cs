namespace Liaison.Gateway.Storage;

/// <summary>What an outbox row carries to a partner node.</summary>
public enum OutboxKind
{
    /// <summary>A sealed envelope this node sends.</summary>
    Envelope,

    /// <summary>A signed receipt for an envelope this node received.</summary>
    Receipt,
}
