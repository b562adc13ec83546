namespace Liaison.Gateway.Security;

/// <summary>The names of <see cref="CallerRole"/> as they appear in certificates, claims and audit entries.</summary>
public static class CallerRoles
{
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Auditor = "auditor";
    public const string PartnerSystem = "partner-system";
    public const string Administrator = "administrator";

    public static string Name(CallerRole role) => role switch
    {
        CallerRole.Officer => Officer,
        CallerRole.Supervisor => Supervisor,
        CallerRole.Auditor => Auditor,
        CallerRole.PartnerSystem => PartnerSystem,
        CallerRole.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a caller role"),
    };

    public static bool TryParse(string? name, out CallerRole role)
    {
        role = name switch
        {
            Officer => CallerRole.Officer,
            Supervisor => CallerRole.Supervisor,
            Auditor => CallerRole.Auditor,
            PartnerSystem => CallerRole.PartnerSystem,
            Administrator => CallerRole.Administrator,
            _ => 0,
        };
        return role != 0;
    }
}
