using Liaison.Gateway.Security;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>Need-to-know: the units cases belong to, and grants and audit openings (see <see cref="CaseAccessRules"/>).</summary>
public sealed partial class GatewayStore
{
    public Task<bool> RecordCaseOwnerAsync(CaseOwner owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentException.ThrowIfNullOrEmpty(owner.Unit);
        // A pure insert that audits nothing: the message that opened the case is audited.
        return writer.WriteAsync(c => CaseAccessTable.InsertOwnerAsync(c.Session, owner, CancellationToken.None), cancellationToken);
    }

    public Task<CaseOwner?> GetCaseOwnerAsync(CaseKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(s => CaseAccessTable.FindOwnerAsync(s, key, cancellationToken), cancellationToken);
    }

    public Task<CaseAccessEntry> AddCaseAccessAsync(CaseAccessEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind == CaseAccessKind.AuditOpening && (entry.ExpiresAt is null || entry.GranteeUnit.Length > 0))
        {
            throw new ArgumentException("An audit opening has an expiry and names no unit.", nameof(entry));
        }

        if (entry.Kind == CaseAccessKind.Grant && (entry.GranteeSubject.Length > 0) == (entry.GranteeUnit.Length > 0))
        {
            throw new ArgumentException("A grant names a subject or a unit, not both.", nameof(entry));
        }

        return writer.WriteAsync(c => CaseAccessTable.InsertAccessAsync(c.Session, entry, CancellationToken.None), cancellationToken);
    }

    public Task<CaseAccessEntry?> RevokeCaseAccessAsync(long accessId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(revokedBy);
        return writer.WriteAsync(c => CaseAccessTable.RevokeAsync(c.Session, accessId, revokedBy, at, CancellationToken.None), cancellationToken);
    }

    public Task<CaseAccessEntry?> GetCaseAccessAsync(long accessId, CancellationToken cancellationToken = default) =>
        ReadAsync(s => CaseAccessTable.FindAccessAsync(s, accessId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CaseAccessEntry>> ListCaseAccessAsync(CaseKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync<IReadOnlyList<CaseAccessEntry>>(async s => await CaseAccessTable.ListAccessAsync(s, key, cancellationToken), cancellationToken);
    }
}
