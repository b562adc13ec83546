namespace Liaison.Gateway.Storage;

/// <summary>One page of the inbox.</summary>
/// <param name="NextPageToken">Opaque; empty when this page reached the current end of the inbox.</param>
public sealed record InboxPage(IReadOnlyList<MessageRecord> Messages, string NextPageToken);
