using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.FaultTests;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Attachments;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;
using Liaison.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CaseAccessKind = Liaison.Gateway.Security.CaseAccessKind;

namespace Liaison.Gateway.Tests.Security;

/// <summary>
/// Need-to-know through the real gRPC stack (client certificates, per-RPC policies, the APIs):
/// an officer of another unit and an auditor without an audit opening cannot read a case's
/// personal data through any RPC that returns it, every attempt is audited with its actor, a
/// supervisor's grant and an audit opening let them read it (and are audited), and revoking,
/// closing or expiry take it away again.
/// </summary>
public sealed class NeedToKnowTests : IDisposable
{
    private const string IntakeUnit = "laocai-intake";
    private const string LaoCaiCase = "LC-2026-0042";
    private const string YunnanCase = "YN-2026-0107";

    private static readonly Caller BatXatOfficer = new("vn-laocai/officer-0042", CallerRole.Officer, "bat-xat-police");
    private static readonly Caller SaPaOfficer = new("vn-laocai/officer-0077", CallerRole.Officer, "sa-pa-police");
    private static readonly Caller IntakeOfficer = new("vn-laocai/officer-0001", CallerRole.Officer, IntakeUnit);
    private static readonly Caller Auditor = new("vn-laocai/auditor-0001", CallerRole.Auditor, "");
    private static readonly Caller Administrator = new("vn-laocai/admin-0001", CallerRole.Administrator, "");
    private static readonly Caller Supervisor = TestClientAuthority.Supervisor;

    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;

    public NeedToKnowTests()
    {
        var settings = files.Settings();
        settings["Access:IntakeUnit"] = IntakeUnit;
        gateway = new GatewayFactory(settings);
    }

    private LiaisonWorkflowService.LiaisonWorkflowServiceClient Workflows(Caller caller) => new(gateway.ChannelFor(caller));

    private LiaisonGatewayService.LiaisonGatewayServiceClient Messages(Caller caller) => new(gateway.ChannelFor(caller));

    private LiaisonAttachmentService.LiaisonAttachmentServiceClient Attachments(Caller caller) => new(gateway.ChannelFor(caller));

    private LiaisonCaseAccessService.LiaisonCaseAccessServiceClient Access(Caller caller) => new(gateway.ChannelFor(caller));

    private AuditPseudonyms Pseudonyms => gateway.Services.GetRequiredService<AuditPseudonyms>();

    [Fact]
    public async Task An_officer_of_another_unit_reads_a_case_only_while_a_supervisors_grant_is_in_force()
    {
        await OpenVerificationAsync(BatXatOfficer, "vr-ntk-1");
        Assert.Single((await Workflows(BatXatOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" })).Workflow.Steps);

        // Each RPC that returns the case's personal data refuses the Sa Pa officer, and says why without its content.
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" }).ResponseAsync);
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).GetCaseTimelineAsync(new GetCaseTimelineRequest { CaseReference = LaoCaiCase }).ResponseAsync);
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).ExportHandoverRecordAsync(new ExportHandoverRecordRequest { Name = "workflows/vr-ntk-1" }).ResponseAsync);
        // Nor may it add a step to the case (the answer would carry the whole workflow).
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest
        {
            RequestId = "ntk-withdraw",
            RecipientNode = NodeDirectory.Yunnan,
            Step = VerificationEvents.Withdraw("vr-ntk-1"),
        }).ResponseAsync);

        var denied = await AuditAsync(AuditEventType.AccessDenied, SaPaOfficer);
        Assert.Equal(4, denied.Count);
        Assert.All(denied, e => Assert.Equal((CaseAccessRules.NotInYourUnit, Pseudonyms.ForCase(LaoCaiCase)), (e.ReasonCode, e.Subject)));
        Assert.Contains(await AuditAsync(AuditEventType.Read, BatXatOfficer), e => e.Subject == Pseudonyms.ForCase(LaoCaiCase));

        var grant = (await Access(Supervisor).GrantCaseAccessAsync(new GrantCaseAccessRequest
        {
            CaseName = "cases/vn-laocai/" + LaoCaiCase,
            GranteeSubjectId = SaPaOfficer.SubjectId,
            Reason = "instruction 7/2026",
        })).Access;
        Assert.True(grant.Active);
        Assert.Equal(Supervisor.SubjectId, grant.GrantedBy);
        var granted = Assert.Single(await AuditAsync(AuditEventType.AccessGranted, Supervisor));
        Assert.Equal(Pseudonyms.ForCase(LaoCaiCase), granted.Subject);
        Assert.DoesNotContain("instruction", granted.Detail, StringComparison.Ordinal);

        Assert.Equal("vr-ntk-1", (await Workflows(SaPaOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" })).Workflow.WorkflowId);
        Assert.Single((await Workflows(SaPaOfficer).GetCaseTimelineAsync(new GetCaseTimelineRequest { CaseReference = LaoCaiCase })).Workflows);
        Assert.Equal(2, (await AuditAsync(AuditEventType.Read, SaPaOfficer)).Count);

        var revoked = (await Access(Supervisor).RevokeCaseAccessAsync(new RevokeCaseAccessRequest { Name = grant.Name })).Access;
        Assert.False(revoked.Active);
        Assert.Single(await AuditAsync(AuditEventType.AccessRevoked, Supervisor));
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" }).ResponseAsync);

        // A grant to the whole unit, and one that has expired (written as the store keeps it: the API takes no past expiry).
        var now = DateTimeOffset.UtcNow;
        await gateway.Store.AddCaseAccessAsync(new CaseAccessEntry(0, new CaseKey(NodeDirectory.LaoCai, LaoCaiCase), CaseAccessKind.Grant, "", SaPaOfficer.Unit, "expired", Supervisor.SubjectId, now.AddDays(-2), now.AddDays(-1), null, null));
        await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Workflows(SaPaOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" }).ResponseAsync);
        await Access(Supervisor).GrantCaseAccessAsync(new GrantCaseAccessRequest
        {
            CaseName = "cases/vn-laocai/" + LaoCaiCase,
            GranteeUnit = SaPaOfficer.Unit,
            Reason = "joint operation 3",
            ExpireTime = Timestamp.FromDateTimeOffset(now.AddDays(1)),
        });
        Assert.Single((await Workflows(SaPaOfficer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-1" })).Workflow.Steps);

        var listed = await Access(Supervisor).ListCaseAccessAsync(new ListCaseAccessRequest { CaseName = "cases/vn-laocai/" + LaoCaiCase });
        Assert.Equal("bat-xat-police", listed.OwnerUnit);
        Assert.Equal([false, false, true], listed.Accesses.Select(a => a.Active));
    }

    [Fact]
    public async Task An_auditor_reads_personal_data_only_while_the_case_is_opened_for_audit_and_the_opening_is_audited()
    {
        await OpenVerificationAsync(BatXatOfficer, "vr-ntk-2");
        var inbound = await gateway.RecordInboundAsync("synthetic payload"u8.ToArray());

        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Workflows(Auditor).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-2" }).ResponseAsync);
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Workflows(Auditor).GetCaseTimelineAsync(new GetCaseTimelineRequest { CaseReference = LaoCaiCase }).ResponseAsync);
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Workflows(Auditor).ExportHandoverRecordAsync(new ExportHandoverRecordRequest { Name = "workflows/vr-ntk-2" }).ResponseAsync);
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Messages(Auditor).FetchMessageAsync(new FetchMessageRequest { Name = "messages/" + inbound.EnvelopeId.ToString("D") }).ResponseAsync);
        // Metadata stays open to auditors.
        Assert.Equal(inbound.EnvelopeId.ToString("D"), (await Messages(Auditor).GetMessageAsync(new GetMessageRequest { Name = "messages/" + inbound.EnvelopeId.ToString("D") })).Message.EnvelopeId);

        var denied = await AuditAsync(AuditEventType.AccessDenied, Auditor);
        Assert.Equal(4, denied.Count);
        Assert.All(denied, e => Assert.Equal(CaseAccessRules.NotOpenedForAudit, e.ReasonCode));
        Assert.Contains(denied, e => e.EnvelopeId == inbound.EnvelopeId && e.Subject == Pseudonyms.ForCase(YunnanCase));

        // An opening needs a reason and an expiry.
        var invalid = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Access(Supervisor).OpenCaseForAuditAsync(new OpenCaseForAuditRequest { CaseName = "cases/vn-laocai/" + LaoCaiCase }).ResponseAsync);
        Assert.Equal(["reason", "expire_time"], RpcAssert.ViolatedFields(invalid));

        var opening = (await Access(Administrator).OpenCaseForAuditAsync(new OpenCaseForAuditRequest
        {
            CaseName = "cases/vn-laocai/" + LaoCaiCase,
            Reason = "annual review 2026",
            ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)),
        })).Access;
        var opened = Assert.Single(await AuditAsync(AuditEventType.AccessGranted, Administrator));
        Assert.Equal(Pseudonyms.ForCase(LaoCaiCase), opened.Subject);

        Assert.Equal("vr-ntk-2", (await Workflows(Auditor).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-2" })).Workflow.WorkflowId);
        Assert.Contains(await AuditAsync(AuditEventType.Read, Auditor), e => e.Subject == Pseudonyms.ForCase(LaoCaiCase));
        // The opening is of that case only: the partner's message stays closed.
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Messages(Auditor).FetchMessageAsync(new FetchMessageRequest { Name = "messages/" + inbound.EnvelopeId.ToString("D") }).ResponseAsync);
        // An administrator opens cases but reads none of them.
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Workflows(Administrator).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-2" }).ResponseAsync);

        await Access(Supervisor).CloseCaseAuditAsync(new CloseCaseAuditRequest { Name = opening.Name });
        Assert.Single(await AuditAsync(AuditEventType.AccessRevoked, Supervisor));
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Workflows(Auditor).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-2" }).ResponseAsync);

        // An opening that has expired opens nothing (written as the store keeps it: the API takes no past expiry).
        var now = DateTimeOffset.UtcNow;
        await gateway.Store.AddCaseAccessAsync(new CaseAccessEntry(0, new CaseKey(NodeDirectory.LaoCai, LaoCaiCase), CaseAccessKind.AuditOpening, "", "", "lapsed", Supervisor.SubjectId, now.AddDays(-2), now.AddSeconds(-1), null, null));
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, () => Workflows(Auditor).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-ntk-2" }).ResponseAsync);
    }

    [Fact]
    public async Task The_partners_messages_and_attachments_belong_to_the_intake_unit()
    {
        var inbound = await gateway.RecordInboundAsync("synthetic payload"u8.ToArray());
        var name = "messages/" + inbound.EnvelopeId.ToString("D");
        Assert.Equal("synthetic payload", (await Messages(IntakeOfficer).FetchMessageAsync(new FetchMessageRequest { Name = name })).Payload.ToStringUtf8());
        var readIt = Assert.Single(await AuditAsync(AuditEventType.Read, IntakeOfficer));
        Assert.Equal((inbound.EnvelopeId, Pseudonyms.ForCase(YunnanCase)), (readIt.EnvelopeId, readIt.Subject));

        var error = await DeniedAsync(CaseAccessRules.NotInYourUnit, () => Messages(BatXatOfficer).FetchMessageAsync(new FetchMessageRequest { Name = name }).ResponseAsync);
        Assert.Equal("cases/cn-yunnan/" + YunnanCase, RpcAssert.Info(error).Metadata["case"]);
        Assert.Equal(inbound.EnvelopeId, Assert.Single(await AuditAsync(AuditEventType.AccessDenied, BatXatOfficer)).EnvelopeId);

        var file = AttachmentTransfer.RandomFile(3000, seed: 6);
        var attachment = await new ReceivedAttachments(gateway).ArriveAsync("ntk-photo", file, chunkBytes: 1024);
        Assert.Equal(file.Length, (await AttachmentTransfer.DownloadAsync(Attachments(IntakeOfficer), attachment)).Length);
        await DeniedAsync(CaseAccessRules.NotInYourUnit, async () => await AttachmentTransfer.DownloadAsync(Attachments(BatXatOfficer), attachment));
        await DeniedAsync(CaseAccessRules.NotOpenedForAudit, async () => await AttachmentTransfer.DownloadAsync(Attachments(Auditor), attachment));
        Assert.Equal(2, (await AuditAsync(AuditEventType.AccessDenied, BatXatOfficer)).Count);
    }

    [Fact]
    public async Task Only_supervisors_grant_and_a_malformed_or_unknown_access_gets_a_specific_error()
    {
        await OpenVerificationAsync(BatXatOfficer, "vr-ntk-3");
        var asAdministrator = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Access(Administrator).GrantCaseAccessAsync(new GrantCaseAccessRequest
        {
            CaseName = "cases/vn-laocai/" + LaoCaiCase,
            GranteeSubjectId = SaPaOfficer.SubjectId,
            Reason = "r",
        }).ResponseAsync);
        Assert.Equal("ROLE_NOT_PERMITTED", RpcAssert.Info(asAdministrator).Reason);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, () => Access(BatXatOfficer).ListCaseAccessAsync(new ListCaseAccessRequest { CaseName = "cases/vn-laocai/" + LaoCaiCase }).ResponseAsync);

        var both = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Access(Supervisor).GrantCaseAccessAsync(new GrantCaseAccessRequest
        {
            CaseName = "LC-2026-0042",
            GranteeSubjectId = SaPaOfficer.SubjectId,
            GranteeUnit = SaPaOfficer.Unit,
            Reason = "",
            ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        }).ResponseAsync);
        Assert.Equal(["case_name", "grantee_subject_id", "reason", "expire_time"], RpcAssert.ViolatedFields(both));

        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Access(Supervisor).RevokeCaseAccessAsync(new RevokeCaseAccessRequest { Name = "cases/vn-laocai/LC-2026-0042/accesses/999" }).ResponseAsync);
        Assert.Equal("CASE_ACCESS_NOT_FOUND", RpcAssert.Info(unknown).Reason);
        var badName = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Access(Supervisor).CloseCaseAuditAsync(new CloseCaseAuditRequest { Name = "accesses/1" }).ResponseAsync);
        Assert.Equal(["name"], RpcAssert.ViolatedFields(badName));

        // A grant is not an audit opening: closing it as one finds nothing.
        var grant = (await Access(Supervisor).GrantCaseAccessAsync(new GrantCaseAccessRequest { CaseName = "cases/vn-laocai/" + LaoCaiCase, GranteeUnit = "sa-pa-police", Reason = "r" })).Access;
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Access(Supervisor).CloseCaseAuditAsync(new CloseCaseAuditRequest { Name = grant.Name }).ResponseAsync);
    }

    private async Task OpenVerificationAsync(Caller officer, string workflowId) =>
        await Workflows(officer).SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest
        {
            RequestId = "open-" + workflowId,
            RecipientNode = NodeDirectory.Yunnan,
            Step = VerificationEvents.Request(workflowId),
        });

    private static async Task<RpcException> DeniedAsync(string reason, Func<Task> call)
    {
        var error = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, call);
        Assert.Equal(reason, RpcAssert.Info(error).Reason);
        Assert.DoesNotContain("Giàng", error.Status.Detail, StringComparison.Ordinal);
        return error;
    }

    private async Task<List<AuditEntry>> AuditAsync(AuditEventType type, Caller actor) =>
        (await gateway.Store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType == type && e.Actor == actor.SubjectId).ToList();

    public void Dispose()
    {
        gateway.Dispose();
        files.Dispose();
    }
}
