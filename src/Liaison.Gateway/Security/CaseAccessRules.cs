namespace Liaison.Gateway.Security;

/// <summary>
/// Who may read the personal data of which case, in one place (deploy/access-control.md,
/// "Need-to-know"). Pure: the store lookups are <see cref="CaseAccessGuard"/>'s.
/// <list type="bullet">
/// <item>An officer or partner system: the cases of its own unit, and those a supervisor granted to it or to its unit.</item>
/// <item>A supervisor: every case of this side.</item>
/// <item>An auditor: only cases opened for audit (to every auditor or to it), until the opening expires or is closed.</item>
/// <item>An administrator: none.</item>
/// </list>
/// A resource that spans several cases (a workflow whose steps carry both sides' references)
/// may be read when any one of them may: each side's officers work the same workflow.
/// </summary>
public static class CaseAccessRules
{
    /// <summary>An officer or partner system asked for a case of another unit that no grant opens to it.</summary>
    public const string NotInYourUnit = "CASE_NOT_IN_YOUR_UNIT";

    /// <summary>An auditor asked for the personal data of a case that no current audit opening covers.</summary>
    public const string NotOpenedForAudit = "CASE_NOT_OPENED_FOR_AUDIT";

    /// <summary>An administrator (or a caller of a role without personal data) asked for personal data.</summary>
    public const string NotForYourRole = "PERSONAL_DATA_NOT_FOR_YOUR_ROLE";

    public const string OwnUnit = "own-unit";
    public const string Granted = "grant";
    public const string Supervisor = "supervisor";
    public const string AuditOpening = "audit-opening";

    /// <summary>
    /// The unit a case belongs to: the one stored when this side opened it; for a partner's
    /// case (its reference is the partner's), the intake unit; null for a case of this side
    /// with no stored owner (opened before ownership was recorded: supervisors only).
    /// </summary>
    public static string? OwnerUnit(CaseKey key, CaseOwner? stored, string thisNode, string intakeUnit)
    {
        ArgumentNullException.ThrowIfNull(key);
        return stored?.Unit ?? (key.Node != thisNode ? intakeUnit : null);
    }

    /// <param name="cases">The cases the resource belongs to, the one asked for first; at least one.</param>
    public static CaseAccessDecision Decide(Caller caller, IReadOnlyList<CaseView> cases, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfZero(cases.Count);
        var asked = cases[0].Case;
        switch (caller.Role)
        {
            case CallerRole.Supervisor:
                return new(true, Supervisor, asked);
            case CallerRole.Officer or CallerRole.PartnerSystem:
                if (caller.Unit.Length > 0 && cases.FirstOrDefault(c => c.OwnerUnit == caller.Unit) is { } own)
                {
                    return new(true, OwnUnit, own.Case);
                }

                return Covered(caller, cases, now) is { } granted
                    ? new(true, Granted, granted)
                    : new(false, NotInYourUnit, asked);
            case CallerRole.Auditor:
                return Covered(caller, cases, now) is { } opened
                    ? new(true, AuditOpening, opened)
                    : new(false, NotOpenedForAudit, asked);
            default:
                return new(false, NotForYourRole, asked);
        }
    }

    private static CaseKey? Covered(Caller caller, IReadOnlyList<CaseView> cases, DateTimeOffset now) =>
        cases.FirstOrDefault(c => c.Entries.Any(e => e.IsActive(now) && e.Covers(caller)))?.Case;
}

/// <summary>What the rules need to know of one case: its owner unit (see <see cref="CaseAccessRules.OwnerUnit"/>) and its grants and audit openings.</summary>
public sealed record CaseView(CaseKey Case, string? OwnerUnit, IReadOnlyList<CaseAccessEntry> Entries);
