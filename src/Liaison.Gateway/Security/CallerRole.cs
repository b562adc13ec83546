namespace Liaison.Gateway.Security;

/// <summary>
/// What a caller of the gateway is, as its client certificate says. Stored and compared by
/// name (see <see cref="CallerRoles"/>): never rename one.
/// </summary>
public enum CallerRole
{
    /// <summary>A border liaison officer: works the cases of their own unit.</summary>
    Officer = 1,

    /// <summary>An officer's supervisor: sees every unit's cases and grants access to them.</summary>
    Supervisor,

    /// <summary>Reads audit data and metadata; personal data only of cases opened for audit.</summary>
    Auditor,

    /// <summary>A system of this side that integrates with the gateway (a case-management system, say).</summary>
    PartnerSystem,

    /// <summary>Runs the gateway: audit openings, keys and agreement changes; no personal data.</summary>
    Administrator,
}
