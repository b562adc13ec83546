namespace Liaison.Gateway.Storage;

/// <summary>
/// A search of the audit log, one page at a time (keyset pagination on seq). Every filter
/// that is set must match; unset filters match everything.
/// </summary>
/// <param name="PageSize">1 to <see cref="MaxPageSize"/>.</param>
/// <param name="PageToken">Empty for the first page, then the previous page's <see cref="AuditPage.NextPageToken"/>.</param>
public sealed record AuditQuery(int PageSize, string PageToken = "")
{
    public const int MaxPageSize = 1000;

    /// <summary>Only entries recorded at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries recorded before this time.</summary>
    public DateTimeOffset? ToExclusive { get; init; }

    /// <summary>Only entries of these types, when not empty.</summary>
    public IReadOnlyCollection<AuditEventType>? EventTypes { get; init; }

    /// <summary>Only entries of this actor, when not empty.</summary>
    public string? Actor { get; init; }

    /// <summary>Only entries with this subject (a keyed hash, see <see cref="Auditing.AuditPseudonyms"/>), when not empty.</summary>
    public string? Subject { get; init; }

    /// <summary>Only entries about this envelope, when set.</summary>
    public Guid? EnvelopeId { get; init; }

    /// <summary>Latest entries first; by default the oldest come first.</summary>
    public bool NewestFirst { get; init; }
}
