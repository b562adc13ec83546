using System.Globalization;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// The audit trail of what people and the node do besides exchanging messages: reads,
/// refusals, exports, logins. Each method returns once the entry has committed durably, with
/// its seq, or throws: the caller must then fail the act it records. Cases are named by their
/// keyed hash (<see cref="AuditPseudonyms"/>), never by their reference. Thread-safe.
/// </summary>
public sealed class AuditTrail(IGatewayStore store, AuditPseudonyms pseudonyms)
{
    public AuditPseudonyms Pseudonyms => pseudonyms;

    /// <summary>A person read the content of a message (<paramref name="envelopeId"/>) or of a case.</summary>
    /// <param name="caller">Null when the call was not authenticated.</param>
    /// <param name="caseReference">The case read, or empty; stored only as its keyed hash.</param>
    public Task<long> ReadAsync(Caller? caller, Guid? envelopeId, string caseReference, CancellationToken cancellationToken = default) =>
        store.RecordAuditEventAsync(
            new AuditEventRecord(AuditEventType.Read, AuditActors.Of(caller), envelopeId is null ? "case content read" : "message content read")
            {
                EnvelopeId = envelopeId,
                Subject = pseudonyms.ForCase(caseReference),
            },
            cancellationToken);

    /// <summary>A caller was refused a message or a case.</summary>
    /// <param name="reasonCode">Why, as a code such as "NOT_CASE_UNIT": 1 to 64 of A-Z, a-z, 0-9, '/', '.', '_' and '-'.</param>
    public Task<long> AccessDeniedAsync(Caller? caller, Guid? envelopeId, string caseReference, string reasonCode, CancellationToken cancellationToken = default) =>
        store.RecordAuditEventAsync(
            new AuditEventRecord(AuditEventType.AccessDenied, AuditActors.Of(caller), envelopeId is null ? "access to a case refused" : "access to a message refused")
            {
                EnvelopeId = envelopeId,
                Subject = pseudonyms.ForCase(caseReference),
                ReasonCode = reasonCode,
            },
            cancellationToken);

    /// <summary>A document left the gateway.</summary>
    /// <param name="what">What was exported, in ids only, e.g. "handover record of workflow ho-1" or "report 2026-Q3 as csv".</param>
    /// <param name="caseReference">The case the document is about, or empty.</param>
    public Task<long> ExportedAsync(Caller? caller, string what, string caseReference, CancellationToken cancellationToken = default) =>
        store.RecordAuditEventAsync(
            new AuditEventRecord(AuditEventType.Exported, AuditActors.Of(caller), what) { Subject = pseudonyms.ForCase(caseReference) },
            cancellationToken);

    /// <summary>An authenticated client's first call on a connection.</summary>
    public Task<long> LoginAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return store.RecordAuditEventAsync(
            new AuditEventRecord(AuditEventType.Login, caller.SubjectId,
                string.Create(CultureInfo.InvariantCulture, $"{CallerRoles.Name(caller.Role)} connected")),
            cancellationToken);
    }

    /// <summary>Any other non-message event.</summary>
    public Task<long> RecordAsync(AuditEventRecord record, CancellationToken cancellationToken = default) =>
        store.RecordAuditEventAsync(record, cancellationToken);
}
