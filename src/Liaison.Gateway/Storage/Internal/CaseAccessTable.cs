using System.Data.Common;
using Liaison.Gateway.Security;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// The SQL of need-to-know: case_units (which unit of this side opened a case; first one
/// wins, never changed) and case_access (grants and audit openings; revoking stamps a row,
/// nothing is deleted).
/// </summary>
internal static class CaseAccessTable
{
    private const string AccessColumns =
        "access_id, case_node, case_reference, kind, grantee_subject, grantee_unit, reason, granted_by, created_at, expires_at, revoked_at, revoked_by";

    /// <returns>False when the case already had an owner (which stays).</returns>
    public static async Task<bool> InsertOwnerAsync(StoreSession session, CaseOwner owner, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(
            """
            INSERT INTO case_units (case_node, case_reference, unit, opened_by, opened_at)
            VALUES (@node, @reference, @unit, @opened_by, @opened_at)
            ON CONFLICT (case_node, case_reference) DO NOTHING
            """,
            cancellationToken,
            ("node", owner.Case.Node),
            ("reference", owner.Case.Reference),
            ("unit", owner.Unit),
            ("opened_by", owner.OpenedBy),
            ("opened_at", DbValues.Millis(owner.OpenedAt))) == 1;

    public static Task<CaseOwner?> FindOwnerAsync(StoreSession session, CaseKey key, CancellationToken cancellationToken) =>
        session.QuerySingleAsync(
            "SELECT unit, opened_by, opened_at FROM case_units WHERE case_node = @node AND case_reference = @reference",
            r => new CaseOwner(key, r.GetString(0), r.GetString(1), DbValues.Time(r.GetInt64(2))),
            cancellationToken,
            ("node", key.Node),
            ("reference", key.Reference));

    public static async Task<CaseAccessEntry> InsertAccessAsync(StoreSession session, CaseAccessEntry entry, CancellationToken cancellationToken) =>
        (await session.QuerySingleAsync(
            $"""
            INSERT INTO case_access (case_node, case_reference, kind, grantee_subject, grantee_unit, reason, granted_by, created_at, expires_at, revoked_at, revoked_by)
            VALUES (@node, @reference, @kind, @subject, @unit, @reason, @granted_by, @created_at, @expires_at, NULL, NULL)
            RETURNING {AccessColumns}
            """,
            Read,
            cancellationToken,
            ("node", entry.Case.Node),
            ("reference", entry.Case.Reference),
            ("kind", entry.Kind.ToString()),
            ("subject", entry.GranteeSubject),
            ("unit", entry.GranteeUnit),
            ("reason", entry.Reason),
            ("granted_by", entry.GrantedBy),
            ("created_at", DbValues.Millis(entry.CreatedAt)),
            ("expires_at", entry.ExpiresAt is { } expiry ? DbValues.Millis(expiry) : null)))!;

    /// <summary>Stamps an entry revoked unless it already is; returns it as it now stands, or null when there is none.</summary>
    public static async Task<CaseAccessEntry?> RevokeAsync(StoreSession session, long id, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            "UPDATE case_access SET revoked_at = @at, revoked_by = @by WHERE access_id = @id AND revoked_at IS NULL",
            cancellationToken,
            ("at", DbValues.Millis(at)),
            ("by", revokedBy),
            ("id", id));
        return await FindAccessAsync(session, id, cancellationToken);
    }

    public static Task<CaseAccessEntry?> FindAccessAsync(StoreSession session, long id, CancellationToken cancellationToken) =>
        session.QuerySingleAsync($"SELECT {AccessColumns} FROM case_access WHERE access_id = @id", Read, cancellationToken, ("id", id));

    public static Task<List<CaseAccessEntry>> ListAccessAsync(StoreSession session, CaseKey key, CancellationToken cancellationToken) =>
        session.QueryAsync(
            $"SELECT {AccessColumns} FROM case_access WHERE case_node = @node AND case_reference = @reference ORDER BY access_id",
            Read,
            cancellationToken,
            ("node", key.Node),
            ("reference", key.Reference));

    private static CaseAccessEntry Read(DbDataReader r) => new(
        r.GetInt64(0),
        new CaseKey(r.GetString(1), r.GetString(2)),
        Enum.TryParse<CaseAccessKind>(r.GetString(3), out var kind) ? kind : throw new InvalidDataException($"Case access entry {r.GetInt64(0)} has an unknown kind."),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        DbValues.Time(r.GetInt64(8)),
        r.IsDBNull(9) ? null : DbValues.Time(r.GetInt64(9)),
        r.IsDBNull(10) ? null : DbValues.Time(r.GetInt64(10)),
        DbValues.NullableString(r, 11));
}
