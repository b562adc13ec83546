namespace Liaison.Gateway.Storage;

/// <summary>
/// The allowed moves between <see cref="MessageState"/>s, per direction. The store
/// refuses every other move with an <see cref="IllegalStateTransitionException"/>.
/// Thread-safe: immutable.
/// </summary>
public static class MessageTransitions
{
    private static readonly HashSet<(MessageState, MessageState)> Outbound =
    [
        (MessageState.Accepted, MessageState.Sealed),
        (MessageState.Sealed, MessageState.Published),
        // A receipt can overtake the broker's publish confirm.
        (MessageState.Sealed, MessageState.Delivered),
        (MessageState.Sealed, MessageState.Rejected),
        (MessageState.Published, MessageState.Delivered),
        (MessageState.Published, MessageState.Rejected),
        (MessageState.Sealed, MessageState.Expired),
        (MessageState.Published, MessageState.Expired),
        // Expiry is an inference from silence; a verified receipt that arrives late
        // is proof of what happened, so it wins.
        (MessageState.Expired, MessageState.Delivered),
        (MessageState.Expired, MessageState.Rejected),
    ];

    private static readonly HashSet<(MessageState, MessageState)> Inbound =
    [
        (MessageState.Received, MessageState.Verified),
        (MessageState.Received, MessageState.Rejected),
        (MessageState.Verified, MessageState.Stored),
        // Envelope ids travel in clear text, so anyone on the path can send a forged
        // copy under a real id. A refused copy must not make the authentic envelope,
        // arriving later, look like a duplicate.
        (MessageState.Rejected, MessageState.Received),
    ];

    /// <summary>Whether a message of <paramref name="direction"/> may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(MessageDirection direction, MessageState from, MessageState to) =>
        (direction == MessageDirection.Outbound ? Outbound : Inbound).Contains((from, to));
}
