using Liaison.Gateway.FaultTests;
using Liaison.Gateway.Security;

namespace Liaison.Gateway.Tests.Security;

/// <summary>One caller of Lao Cai's gateway per role, each with a client certificate from the test CA (<see cref="TestClientAuthority"/>).</summary>
public static class TestCallers
{
    public const string Unit = "laocai-blo";

    public static readonly Caller Officer = new("vn-laocai/officer-0042", CallerRole.Officer, Unit);

    public static readonly Caller Supervisor = TestClientAuthority.Supervisor;

    public static readonly Caller Auditor = new("vn-laocai/auditor-0007", CallerRole.Auditor, "");

    public static readonly Caller PartnerSystem = new("vn-laocai/case-system", CallerRole.PartnerSystem, Unit);

    public static readonly Caller Administrator = new("vn-laocai/admin-0001", CallerRole.Administrator, "");

    /// <summary>Every role once.</summary>
    public static IReadOnlyList<Caller> All { get; } = [Officer, Supervisor, Auditor, PartnerSystem, Administrator];
}
