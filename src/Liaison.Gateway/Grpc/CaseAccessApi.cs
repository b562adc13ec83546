using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CaseAccessKind = Liaison.Gateway.Security.CaseAccessKind;
using FieldViolation = Google.Rpc.BadRequest.Types.FieldViolation;

namespace Liaison.Gateway.Grpc;

/// <summary>
/// Grants and audit openings of cases (need-to-know, see <see cref="CaseAccessRules"/>). Who
/// may call which RPC is <see cref="RpcPolicies"/>'; every change is audited with the caller as
/// the actor and the case as its keyed hash, before the answer goes out. Created per call.
/// </summary>
public sealed class CaseAccessApi(
    IGatewayStore store,
    CaseAccessGuard access,
    AuditTrail audit,
    IOptions<AccessOptions> options,
    TimeProvider time,
    ILogger<CaseAccessApi> logger) : LiaisonCaseAccessService.LiaisonCaseAccessServiceBase
{
    public const int MaxReasonLength = 500;

    private const string AccessesSegment = "/accesses/";

    public override async Task<GrantCaseAccessResponse> GrantCaseAccess(GrantCaseAccessRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context);
        var now = time.GetUtcNow();
        var violations = new List<FieldViolation>();
        var @case = ParseCase(request.CaseName, "case_name", violations);
        if ((request.GranteeSubjectId.Length > 0) == (request.GranteeUnit.Length > 0))
        {
            violations.Add(new() { Field = "grantee_subject_id", Description = "Name exactly one grantee: a subject id or a unit." });
        }
        else if (request.GranteeSubjectId.Length > 0 && !CaseAccessNames.IsSubject(request.GranteeSubjectId))
        {
            violations.Add(new() { Field = "grantee_subject_id", Description = "A subject id is 1 to 128 printable characters without spaces, as in the grantee's certificate." });
        }
        else if (request.GranteeUnit.Length > 0 && !CaseAccessNames.IsUnit(request.GranteeUnit))
        {
            violations.Add(new() { Field = "grantee_unit", Description = "A unit is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'." });
        }

        CheckReason(request.Reason, violations);
        DateTimeOffset? expiry = null;
        if (request.ExpireTime is { } expire)
        {
            expiry = CheckExpiry(expire, now, null, violations);
        }

        Throw(violations);
        return new GrantCaseAccessResponse
        {
            Access = await AddAsync(
                caller, new CaseAccessEntry(0, @case!, CaseAccessKind.Grant, request.GranteeSubjectId, request.GranteeUnit, request.Reason, caller.SubjectId, now, expiry, null, null), context.CancellationToken),
        };
    }

    public override async Task<RevokeCaseAccessResponse> RevokeCaseAccess(RevokeCaseAccessRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new RevokeCaseAccessResponse { Access = await EndAsync(request.Name, CaseAccessKind.Grant, context) };
    }

    public override async Task<OpenCaseForAuditResponse> OpenCaseForAudit(OpenCaseForAuditRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context);
        var now = time.GetUtcNow();
        var violations = new List<FieldViolation>();
        var @case = ParseCase(request.CaseName, "case_name", violations);
        if (request.AuditorSubjectId.Length > 0 && !CaseAccessNames.IsSubject(request.AuditorSubjectId))
        {
            violations.Add(new() { Field = "auditor_subject_id", Description = "A subject id is 1 to 128 printable characters without spaces; leave it empty to open the case to every auditor." });
        }

        CheckReason(request.Reason, violations);
        DateTimeOffset? expiry = null;
        if (request.ExpireTime is not { } expire)
        {
            violations.Add(new() { Field = "expire_time", Description = "An audit opening needs an expiry." });
        }
        else
        {
            expiry = CheckExpiry(expire, now, options.Value.MaxAuditOpening, violations);
        }

        Throw(violations);
        return new OpenCaseForAuditResponse
        {
            Access = await AddAsync(
                caller, new CaseAccessEntry(0, @case!, CaseAccessKind.AuditOpening, request.AuditorSubjectId, "", request.Reason, caller.SubjectId, now, expiry, null, null), context.CancellationToken),
        };
    }

    public override async Task<CloseCaseAuditResponse> CloseCaseAudit(CloseCaseAuditRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return new CloseCaseAuditResponse { Access = await EndAsync(request.Name, CaseAccessKind.AuditOpening, context) };
    }

    public override async Task<ListCaseAccessResponse> ListCaseAccess(ListCaseAccessRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var violations = new List<FieldViolation>();
        var @case = ParseCase(request.CaseName, "case_name", violations);
        Throw(violations);
        var now = time.GetUtcNow();
        var owner = await store.GetCaseOwnerAsync(@case!, context.CancellationToken);
        var response = new ListCaseAccessResponse
        {
            OwnerUnit = CaseAccessRules.OwnerUnit(@case!, owner, access.ThisNode, access.IntakeUnit) ?? "",
        };
        response.Accesses.AddRange((await store.ListCaseAccessAsync(@case!, context.CancellationToken)).Select(e => ToApi(e, now)));
        return response;
    }

    private async Task<V1.CaseAccess> EndAsync(string name, CaseAccessKind kind, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (!TryParseAccessName(name, out var @case, out var id))
        {
            throw InvalidRequestException.For("name", "An access name is \"cases/{node_id}/{case_reference}/accesses/{access_id}\", as GrantCaseAccess or OpenCaseForAudit returned it.");
        }

        if (await store.GetCaseAccessAsync(id, context.CancellationToken) is not { } existing || existing.Case != @case || existing.Kind != kind)
        {
            throw new CaseAccessNotFoundException(name);
        }

        var now = time.GetUtcNow();
        var ended = await store.RevokeCaseAccessAsync(id, caller.SubjectId, now, context.CancellationToken) ?? throw new CaseAccessNotFoundException(name);
        if (existing.RevokedAt is null)
        {
            await AuditAsync(caller, ended, opened: false, context.CancellationToken);
        }

        return ToApi(ended, now);
    }

    /// <summary>Stores a grant or an audit opening, audits it, and answers with it.</summary>
    private async Task<V1.CaseAccess> AddAsync(Caller caller, CaseAccessEntry entry, CancellationToken cancellationToken)
    {
        var stored = await store.AddCaseAccessAsync(entry, cancellationToken);
        await AuditAsync(caller, stored, opened: true, cancellationToken);
        return ToApi(stored, entry.CreatedAt);
    }

    private async Task AuditAsync(Caller caller, CaseAccessEntry entry, bool opened, CancellationToken cancellationToken)
    {
        var kind = entry.Kind == CaseAccessKind.Grant ? "grant" : "audit opening";
        var grantee = entry.GranteeSubject.Length > 0 ? "subject " + entry.GranteeSubject
            : entry.GranteeUnit.Length > 0 ? "unit " + entry.GranteeUnit
            : "every auditor";
        var until = entry.ExpiresAt is { } expiry ? " until " + expiry.ToString("O", CultureInfo.InvariantCulture) : "";
        // The reason is the grantor's free text: kept with the grant, never copied into the log.
        var detail = opened
            ? string.Create(CultureInfo.InvariantCulture, $"{kind} {entry.Id} to {grantee}{until}")
            : string.Create(CultureInfo.InvariantCulture, $"{kind} {entry.Id} to {grantee} ended");
        await audit.RecordAsync(
            new AuditEventRecord(opened ? AuditEventType.AccessGranted : AuditEventType.AccessRevoked, caller.SubjectId, detail)
            {
                Subject = audit.Pseudonyms.ForCase(entry.Case.Reference),
                ReasonCode = entry.Kind == CaseAccessKind.Grant ? "CASE_GRANT" : "CASE_AUDIT_OPENING",
            },
            cancellationToken);
        if (opened)
        {
            CaseAccessLog.Granted(logger, kind, entry.Id, entry.Case.Name, caller.SubjectId);
        }
        else
        {
            CaseAccessLog.Revoked(logger, kind, entry.Id, entry.Case.Name, caller.SubjectId);
        }
    }

    private static CaseKey? ParseCase(string name, string field, List<FieldViolation> violations)
    {
        if (CaseKey.TryParse(name, out var key))
        {
            return key;
        }

        violations.Add(new() { Field = field, Description = "A case name is \"cases/{node_id}/{case_reference}\", e.g. \"cases/vn-laocai/LC-2026-0042\"." });
        return null;
    }

    private static void CheckReason(string reason, List<FieldViolation> violations)
    {
        if (reason.Length == 0 || reason.Length > MaxReasonLength || reason.Any(char.IsControl) || string.IsNullOrWhiteSpace(reason))
        {
            violations.Add(new() { Field = "reason", Description = $"A reason is required: one line of 1 to {MaxReasonLength} characters (a file or instruction number, never a name)." });
        }
    }

    private static DateTimeOffset? CheckExpiry(Timestamp expire, DateTimeOffset now, TimeSpan? longest, List<FieldViolation> violations)
    {
        DateTimeOffset expiry;
        try
        {
            expiry = expire.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            violations.Add(new() { Field = "expire_time", Description = "The expiry is not a valid timestamp." });
            return null;
        }

        if (expiry <= now)
        {
            violations.Add(new() { Field = "expire_time", Description = "The expiry must be in the future." });
        }
        else if (longest is { } most && expiry - now > most)
        {
            violations.Add(new() { Field = "expire_time", Description = string.Create(CultureInfo.InvariantCulture, $"An audit opening lasts at most {most.TotalDays:0.##} days (Access:MaxAuditOpening); open it again later if needed.") });
        }

        // Stored to the millisecond: answer with what is stored.
        return DateTimeOffset.FromUnixTimeMilliseconds(expiry.ToUnixTimeMilliseconds());
    }

    private static void Throw(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }
    }

    private static bool TryParseAccessName(string name, out CaseKey @case, out long id)
    {
        (@case, id) = (new CaseKey("", ""), 0);
        var at = name.LastIndexOf(AccessesSegment, StringComparison.Ordinal);
        return at > 0
            && long.TryParse(name.AsSpan(at + AccessesSegment.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0
            && CaseKey.TryParse(name[..at], out @case);
    }

    public static string AccessName(CaseAccessEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Case.Name + AccessesSegment + entry.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static V1.CaseAccess ToApi(CaseAccessEntry entry, DateTimeOffset now) => new()
    {
        Name = AccessName(entry),
        CaseName = entry.Case.Name,
        Kind = entry.Kind == CaseAccessKind.Grant ? V1.CaseAccessKind.Grant : V1.CaseAccessKind.AuditOpening,
        GranteeSubjectId = entry.GranteeSubject,
        GranteeUnit = entry.GranteeUnit,
        Reason = entry.Reason,
        GrantedBy = entry.GrantedBy,
        CreateTime = Timestamp.FromDateTimeOffset(entry.CreatedAt),
        ExpireTime = entry.ExpiresAt is { } expiry ? Timestamp.FromDateTimeOffset(expiry) : null,
        RevokeTime = entry.RevokedAt is { } revoked ? Timestamp.FromDateTimeOffset(revoked) : null,
        RevokedBy = entry.RevokedBy ?? "",
        Active = entry.IsActive(now),
    };
}
