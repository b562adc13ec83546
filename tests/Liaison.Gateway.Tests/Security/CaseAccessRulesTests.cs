using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests.Security;

public sealed class CaseAccessRulesTests
{
    private const string ThisNode = "vn-laocai";
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly CaseKey BatXatCase = new(ThisNode, "LC-2026-0042");

    private static readonly Caller BatXatOfficer = new("vn-laocai/officer-0042", CallerRole.Officer, "bat-xat-police");
    private static readonly Caller SaPaOfficer = new("vn-laocai/officer-0077", CallerRole.Officer, "sa-pa-police");
    private static readonly Caller SaPaSystem = new("vn-laocai/cms", CallerRole.PartnerSystem, "sa-pa-police");
    private static readonly Caller Supervisor = new("vn-laocai/supervisor-01", CallerRole.Supervisor, "");
    private static readonly Caller Auditor = new("vn-laocai/auditor-01", CallerRole.Auditor, "");
    private static readonly Caller OtherAuditor = new("vn-laocai/auditor-02", CallerRole.Auditor, "");
    private static readonly Caller Administrator = new("vn-laocai/admin-01", CallerRole.Administrator, "");

    private static CaseView View(params CaseAccessEntry[] entries) => new(BatXatCase, "bat-xat-police", entries);

    private static CaseAccessEntry Grant(string subject = "", string unit = "", DateTimeOffset? expires = null, DateTimeOffset? revoked = null) =>
        new(1, BatXatCase, CaseAccessKind.Grant, subject, unit, "instruction 7/2026", Supervisor.SubjectId, Now.AddHours(-1), expires, revoked, revoked is null ? null : Supervisor.SubjectId);

    private static CaseAccessEntry Opening(string auditor = "", DateTimeOffset? expires = null, DateTimeOffset? revoked = null) =>
        new(2, BatXatCase, CaseAccessKind.AuditOpening, auditor, "", "annual review", Supervisor.SubjectId, Now.AddHours(-1), expires ?? Now.AddDays(1), revoked, revoked is null ? null : Supervisor.SubjectId);

    [Fact]
    public void An_officer_reads_the_cases_of_their_own_unit_only()
    {
        Assert.Equal(new CaseAccessDecision(true, CaseAccessRules.OwnUnit, BatXatCase), CaseAccessRules.Decide(BatXatOfficer, [View()], Now));
        Assert.Equal(new CaseAccessDecision(false, CaseAccessRules.NotInYourUnit, BatXatCase), CaseAccessRules.Decide(SaPaOfficer, [View()], Now));
        Assert.False(CaseAccessRules.Decide(SaPaSystem, [View()], Now).Allowed);
    }

    [Fact]
    public void A_grant_to_the_officer_or_their_unit_opens_the_case_while_it_is_current()
    {
        Assert.Equal(CaseAccessRules.Granted, CaseAccessRules.Decide(SaPaOfficer, [View(Grant(subject: SaPaOfficer.SubjectId))], Now).Basis);
        Assert.True(CaseAccessRules.Decide(SaPaSystem, [View(Grant(unit: "sa-pa-police"))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(SaPaSystem, [View(Grant(subject: SaPaOfficer.SubjectId))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(SaPaOfficer, [View(Grant(subject: SaPaOfficer.SubjectId, revoked: Now.AddMinutes(-1)))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(SaPaOfficer, [View(Grant(subject: SaPaOfficer.SubjectId, expires: Now))], Now).Allowed);
        Assert.True(CaseAccessRules.Decide(SaPaOfficer, [View(Grant(subject: SaPaOfficer.SubjectId, expires: Now.AddTicks(1)))], Now).Allowed);
    }

    [Fact]
    public void A_grant_opens_nothing_to_auditors_and_an_audit_opening_nothing_to_officers()
    {
        Assert.False(CaseAccessRules.Decide(Auditor, [View(Grant(unit: ""))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(SaPaOfficer, [View(Opening())], Now).Allowed);
    }

    [Fact]
    public void A_supervisor_reads_every_case_and_an_administrator_none()
    {
        Assert.Equal(CaseAccessRules.Supervisor, CaseAccessRules.Decide(Supervisor, [new CaseView(BatXatCase, null, [])], Now).Basis);
        Assert.Equal(new CaseAccessDecision(false, CaseAccessRules.NotForYourRole, BatXatCase),
            CaseAccessRules.Decide(Administrator, [View(Grant(subject: Administrator.SubjectId), Opening())], Now));
    }

    [Fact]
    public void An_auditor_reads_personal_data_only_of_a_case_opened_for_audit_until_it_closes_or_expires()
    {
        Assert.Equal(new CaseAccessDecision(false, CaseAccessRules.NotOpenedForAudit, BatXatCase), CaseAccessRules.Decide(Auditor, [View()], Now));
        Assert.Equal(CaseAccessRules.AuditOpening, CaseAccessRules.Decide(Auditor, [View(Opening())], Now).Basis);
        Assert.True(CaseAccessRules.Decide(Auditor, [View(Opening(auditor: Auditor.SubjectId))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(OtherAuditor, [View(Opening(auditor: Auditor.SubjectId))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(Auditor, [View(Opening(expires: Now))], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(Auditor, [View(Opening(revoked: Now.AddSeconds(-1)))], Now).Allowed);
    }

    [Fact]
    public void A_resource_of_several_cases_is_readable_through_any_of_them()
    {
        var partnerCase = new CaseView(new CaseKey("cn-yunnan", "YN-2026-0107"), "blo-intake", []);
        var decision = CaseAccessRules.Decide(BatXatOfficer, [partnerCase, View()], Now);
        Assert.Equal(new CaseAccessDecision(true, CaseAccessRules.OwnUnit, BatXatCase), decision);
        Assert.Equal(new CaseAccessDecision(false, CaseAccessRules.NotInYourUnit, partnerCase.Case), CaseAccessRules.Decide(SaPaOfficer, [partnerCase, View()], Now));
    }

    [Fact]
    public void An_officer_without_a_unit_owns_nothing_even_a_case_without_an_owner()
    {
        var unitless = BatXatOfficer with { Unit = "" };
        Assert.False(CaseAccessRules.Decide(unitless, [new CaseView(BatXatCase, null, [])], Now).Allowed);
        Assert.False(CaseAccessRules.Decide(unitless, [new CaseView(BatXatCase, "", [])], Now).Allowed);
    }

    [Fact]
    public void A_partners_case_belongs_to_the_intake_unit_and_one_of_this_side_to_its_stored_owner()
    {
        var partner = new CaseKey("cn-yunnan", "YN-2026-0107");
        Assert.Equal("blo-intake", CaseAccessRules.OwnerUnit(partner, null, ThisNode, "blo-intake"));
        Assert.Null(CaseAccessRules.OwnerUnit(BatXatCase, null, ThisNode, "blo-intake"));
        Assert.Equal("bat-xat-police", CaseAccessRules.OwnerUnit(BatXatCase, new CaseOwner(BatXatCase, "bat-xat-police", BatXatOfficer.SubjectId, Now), ThisNode, "blo-intake"));
    }

    [Fact]
    public void A_message_belongs_to_its_authors_case_reference_else_its_correlation_else_itself()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(new CaseKey(ThisNode, "LC-1"), CaseKey.Of(ThisNode, MessageDirection.Outbound, "cn-yunnan", "LC-1", "wf-1", id));
        Assert.Equal(new CaseKey("cn-yunnan", "LC-1"), CaseKey.Of(ThisNode, MessageDirection.Inbound, "cn-yunnan", "LC-1", "wf-1", id));
        Assert.Equal(new CaseKey("cn-yunnan", "~wf-1"), CaseKey.Of(ThisNode, MessageDirection.Inbound, "cn-yunnan", "", "wf-1", id));
        Assert.Equal(new CaseKey(ThisNode, "~" + id.ToString("D")), CaseKey.Of(ThisNode, MessageDirection.Outbound, "cn-yunnan", "", "", id));
    }

    [Theory]
    [InlineData("cases/vn-laocai/LC-2026-0042", "vn-laocai", "LC-2026-0042")]
    [InlineData("cases/cn-yunnan/YN/2026/7", "cn-yunnan", "YN/2026/7")]
    [InlineData("cases/cn-yunnan/~wf-1", "cn-yunnan", "~wf-1")]
    public void A_case_name_round_trips(string name, string node, string reference)
    {
        Assert.True(CaseKey.TryParse(name, out var key));
        Assert.Equal(new CaseKey(node, reference), key);
        Assert.Equal(name, key.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cases/")]
    [InlineData("cases/vn-laocai")]
    [InlineData("cases/vn-laocai/")]
    [InlineData("cases/vn-laocai/~")]
    [InlineData("cases/VN/LC-1")]
    [InlineData("case/vn-laocai/LC-1")]
    [InlineData("cases/vn-laocai/LC 1")]
    public void A_malformed_case_name_is_refused(string name) => Assert.False(CaseKey.TryParse(name, out _));
}
