namespace Liaison.Gateway.Storage;

/// <summary>One page of an <see cref="AuditQuery"/>.</summary>
/// <param name="NextPageToken">Empty when the page reached the end of what matched when it was read.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, string NextPageToken);
