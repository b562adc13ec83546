namespace Liaison.Gateway.Storage;

/// <summary>
/// Where a message stands. Stored by name, so that an operator or auditor reading
/// the tables sees words, not numbers. <see cref="MessageTransitions"/> says which
/// moves are allowed.
/// </summary>
public enum MessageState
{
    /// <summary>Outbound: the request was accepted. Sealing happens in the same transaction, so no row stays here.</summary>
    Accepted,

    /// <summary>Outbound: sealed and waiting in the outbox.</summary>
    Sealed,

    /// <summary>Outbound: the broker confirmed the publish.</summary>
    Published,

    /// <summary>Outbound: a verified receipt said the recipient accepted it.</summary>
    Delivered,

    /// <summary>Outbound: a verified receipt said the recipient refused it. Inbound: this node refused it.</summary>
    Rejected,

    /// <summary>Outbound: the envelope expired before any receipt came back.</summary>
    Expired,

    /// <summary>Inbound: the envelope arrived. Verification happens before the store is called, so no row stays here.</summary>
    Received,

    /// <summary>Inbound: every check passed. Storing happens in the same transaction, so no row stays here.</summary>
    Verified,

    /// <summary>Inbound: verified, decrypted and kept.</summary>
    Stored,
}
