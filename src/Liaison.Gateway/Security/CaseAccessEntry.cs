namespace Liaison.Gateway.Security;

/// <summary>
/// One grant or audit opening of a case, as stored. Entries are never deleted: revoking or
/// closing one stamps it, so that who could read what, and when, stays answerable.
/// </summary>
/// <param name="Id">Assigned by the store, from 1.</param>
/// <param name="GranteeSubject">The subject id it is for; "" for a whole unit (a grant) or every auditor (an audit opening).</param>
/// <param name="GranteeUnit">The unit a grant is for; "" when it names a subject. Always "" for an audit opening.</param>
/// <param name="Reason">Why, in the grantor's words (a file number, an instruction); never a name.</param>
/// <param name="GrantedBy">The subject id of the supervisor or administrator who granted it.</param>
/// <param name="ExpiresAt">When it lapses by itself; null for a grant until revoked. Always set for an audit opening.</param>
public sealed record CaseAccessEntry(
    long Id,
    CaseKey Case,
    CaseAccessKind Kind,
    string GranteeSubject,
    string GranteeUnit,
    string Reason,
    string GrantedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    /// <summary>Whether it opens anything at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expiry || now < expiry);

    /// <summary>Whether, while active, it lets <paramref name="caller"/> read the case's personal data.</summary>
    public bool Covers(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Kind switch
        {
            CaseAccessKind.Grant => caller.Role is CallerRole.Officer or CallerRole.PartnerSystem
                && ((GranteeSubject.Length > 0 && GranteeSubject == caller.SubjectId)
                    || (GranteeUnit.Length > 0 && GranteeUnit == caller.Unit)),
            CaseAccessKind.AuditOpening => caller.Role == CallerRole.Auditor
                && (GranteeSubject.Length == 0 || GranteeSubject == caller.SubjectId),
            _ => false,
        };
    }
}
