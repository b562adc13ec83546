using System.Collections.Frozen;

namespace Liaison.Gateway.Security;

/// <summary>
/// The one table of who may call which RPC, enforced for every gRPC endpoint before its request is
/// read (see deploy/access-control.md). The gateway refuses to start when it maps an RPC this table
/// does not name, so a new RPC cannot go out unguarded. Roles decide whether a caller may call an RPC
/// at all; which cases' personal data an allowed caller may then see (need-to-know) is decided per case.
/// </summary>
public static class RpcPolicies
{
    private const string Gateway = "liaison.gateway.v1.LiaisonGatewayService/";
    private const string Workflows = "liaison.gateway.v1.LiaisonWorkflowService/";
    private const string Attachments = "liaison.gateway.v1.LiaisonAttachmentService/";
    private const string Audit = "liaison.gateway.v1.LiaisonAuditService/";
    private const string CaseAccess = "liaison.gateway.v1.LiaisonCaseAccessService/";
    private const string Health = "grpc.health.v1.Health/";

    private const CallerRole Officer = CallerRole.Officer;
    private const CallerRole Supervisor = CallerRole.Supervisor;
    private const CallerRole Auditor = CallerRole.Auditor;
    private const CallerRole PartnerSystem = CallerRole.PartnerSystem;
    private const CallerRole Administrator = CallerRole.Administrator;

    /// <summary>Every policy, one per RPC; a "Service/*" line covers the RPCs of a service declared as a whole.</summary>
    public static IReadOnlyList<RpcPolicy> All { get; } =
    [
        // Sending for this side: the people who work cases and the systems that integrate.
        Rpc(Gateway + "SubmitMessage", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem),
        Rpc(Gateway + "GetMessage", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        Rpc(Gateway + "ListInboxMessages", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        Rpc(Gateway + "StreamInboxMessages", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        // Auditors reach personal data only of cases opened for audit: checked per case, not here.
        Rpc(Gateway + "FetchMessage", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem, Auditor),

        Rpc(Workflows + "SubmitWorkflowStep", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem),
        Rpc(Workflows + "GetWorkflow", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem, Auditor),
        Rpc(Workflows + "GetCaseTimeline", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem, Auditor),
        Rpc(Workflows + "GetPeriodicReport", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        Rpc(Workflows + "ExportHandoverRecord", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem, Auditor),
        Rpc(Workflows + "ListBorderGates", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),

        Rpc(Attachments + "UploadAttachment", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem),
        Rpc(Attachments + "GetAttachment", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        Rpc(Attachments + "DownloadAttachment", RpcDataKind.PersonalData, Officer, Supervisor, PartnerSystem, Auditor),

        // The audit log is the auditors'; it holds no personal data (subjects are keyed hashes).
        Rpc(Audit + "*", RpcDataKind.Audit, Auditor),

        // Grants and audit openings: who may see what is decided by supervisors and administrators.
        // Grants are a supervisor's; audit openings a supervisor's or an administrator's (need-to-know, access-control.md).
        Rpc(CaseAccess + "GrantCaseAccess", RpcDataKind.Administration, Supervisor),
        Rpc(CaseAccess + "RevokeCaseAccess", RpcDataKind.Administration, Supervisor),
        Rpc(CaseAccess + "OpenCaseForAudit", RpcDataKind.Administration, Supervisor, Administrator),
        Rpc(CaseAccess + "CloseCaseAudit", RpcDataKind.Administration, Supervisor, Administrator),
        Rpc(CaseAccess + "ListCaseAccess", RpcDataKind.Administration, Supervisor, Administrator),

        // Load balancers and orchestrators probe these without a certificate.
        Rpc(Health + "Check", RpcDataKind.Health),
        Rpc(Health + "Watch", RpcDataKind.Health),
        Rpc(Health + "List", RpcDataKind.Health),

        // The API's shape is not secret, but nothing is served to anonymous callers beyond health.
        Rpc("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
        Rpc("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", RpcDataKind.Metadata, Officer, Supervisor, PartnerSystem, Auditor, Administrator),
    ];

    private static readonly FrozenDictionary<string, RpcPolicy> ByMethod = All.ToFrozenDictionary(p => p.Method, StringComparer.Ordinal);

    /// <summary>
    /// The policy of <paramref name="fullMethod"/> ("/package.Service/Method" as gRPC names it, or
    /// without the leading slash): its own line, else its service's "Service/*" line; null when neither exists.
    /// </summary>
    public static RpcPolicy? Find(string fullMethod)
    {
        ArgumentNullException.ThrowIfNull(fullMethod);
        var method = fullMethod.TrimStart('/');
        if (ByMethod.TryGetValue(method, out var policy))
        {
            return policy;
        }

        var slash = method.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && ByMethod.TryGetValue(method[..(slash + 1)] + "*", out var service) ? service : null;
    }

    private static RpcPolicy Rpc(string method, RpcDataKind data, params CallerRole[] roles) => new(method, data, roles.ToFrozenSet());
}
