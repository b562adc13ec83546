namespace Liaison.Gateway.Storage;

/// <summary>
/// A page of the inbox, in arrival order (oldest first). Arrival order is what a
/// client that follows the inbox wants: new arrivals only ever join the end, so a
/// page token stays valid and no message is skipped or shown twice.
/// </summary>
/// <param name="PageSize">1 to <see cref="MaxPageSize"/>; pages carry payloads, hence the bound.</param>
/// <param name="PageToken">Empty for the first page, then the previous page's <see cref="InboxPage.NextPageToken"/>.</param>
public sealed record InboxQuery(int PageSize, string PageToken = "")
{
    public const int MaxPageSize = 100;

    /// <summary>Only messages from this node, when set.</summary>
    public string? PeerNode { get; init; }

    /// <summary>Only messages in this state (e.g. <see cref="MessageState.Stored"/>), when set.</summary>
    public MessageState? State { get; init; }

    /// <summary>Leaves out messages whose type starts with this, when set (the gateways' own <c>audit.</c> traffic).</summary>
    public string? ExcludedTypePrefix { get; init; }
}
