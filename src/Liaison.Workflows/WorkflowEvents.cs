using System.Collections.Frozen;
using Liaison.Workflow.V1;
using Case = Liaison.Workflow.V1.WorkflowEvent.EventOneofCase;

namespace Liaison.Workflows;

/// <summary>
/// What the gateway needs to send a step: its envelope message type, its
/// workflow and a priority hint. Message types are lower-case dotted names
/// with '_' inside words, because the envelope's message-type syntax
/// (Identifiers.IsMessageType) does not allow '-'.
/// </summary>
public static class WorkflowEvents
{
    private sealed record Entry(string MessageType, WorkflowKind Kind, string Participle);

    private static readonly FrozenDictionary<Case, Entry> Entries = new Dictionary<Case, Entry>
    {
        [Case.VerificationRequest] = new("verification.request", WorkflowKind.Verification, "requested"),
        [Case.VerificationAnswer] = new("verification.answer", WorkflowKind.Verification, "answered"),
        [Case.VerificationInformationSupplied] = new("verification.information_supplied", WorkflowKind.Verification, "given more information"),
        [Case.VerificationWithdrawal] = new("verification.withdrawal", WorkflowKind.Verification, "withdrawn"),
        [Case.VerificationReminder] = new("verification.reminder", WorkflowKind.Verification, "reminded of a deadline"),
        [Case.CriteriaProposal] = new("criteria.proposal", WorkflowKind.Criteria, "proposed"),
        [Case.CriteriaEndorsement] = new("criteria.endorsement", WorkflowKind.Criteria, "endorsed"),
        [Case.CriteriaCounterProposal] = new("criteria.counter_proposal", WorkflowKind.Criteria, "counter-proposed"),
        [Case.CriteriaRejection] = new("criteria.rejection", WorkflowKind.Criteria, "rejected"),
        [Case.HandoverProposal] = new("handover.proposal", WorkflowKind.Handover, "proposed"),
        [Case.HandoverAcceptance] = new("handover.acceptance", WorkflowKind.Handover, "accepted"),
        [Case.HandoverCounterProposal] = new("handover.counter_proposal", WorkflowKind.Handover, "counter-proposed"),
        [Case.HandoverDecline] = new("handover.decline", WorkflowKind.Handover, "declined"),
        [Case.HandoverConfirmation] = new("handover.confirmation", WorkflowKind.Handover, "confirmed"),
        [Case.HandoverRollCall] = new("handover.roll_call", WorkflowKind.Handover, "roll-called"),
        [Case.HandoverRecordSignature] = new("handover.record_signature", WorkflowKind.Handover, "signed"),
        [Case.HandoverCompletion] = new("handover.completion", WorkflowKind.Handover, "completed"),
        [Case.HandoverCancellation] = new("handover.cancellation", WorkflowKind.Handover, "cancelled"),
        [Case.AlertRaise] = new("alert.raise", WorkflowKind.Alert, "raised"),
        [Case.AlertAcknowledgement] = new("alert.acknowledge", WorkflowKind.Alert, "acknowledged"),
        [Case.AlertEscalation] = new("alert.escalate", WorkflowKind.Alert, "escalated"),
        [Case.AlertClosure] = new("alert.close", WorkflowKind.Alert, "closed"),
    }.ToFrozenDictionary();

    /// <summary>Every step with a message type (all oneof cases but None).</summary>
    public static IEnumerable<Case> Steps => Entries.Keys;

    /// <summary>The message type of every step: what an agreement's links must allow for the workflows to run.</summary>
    public static IReadOnlyList<string> MessageTypes { get; } = [.. Entries.Values.Select(e => e.MessageType).Order(StringComparer.Ordinal)];

    /// <summary>The envelope message type, e.g. "verification.request".</summary>
    public static string MessageType(Case step) => Lookup(step).MessageType;

    /// <summary>The envelope message type of an event.</summary>
    public static string MessageType(WorkflowEvent e) => MessageType(NotNull(e).EventCase);

    /// <summary>The workflow the step belongs to.</summary>
    public static WorkflowKind Kind(Case step) => Lookup(step).Kind;

    /// <summary>The workflow the event belongs to.</summary>
    public static WorkflowKind Kind(WorkflowEvent e) => Kind(NotNull(e).EventCase);

    /// <summary>
    /// Alerts are urgent; a verification request or alert marked immediate is
    /// at least high; everything else is routine.
    /// </summary>
    public static PriorityHint Priority(WorkflowEvent e) => NotNull(e).EventCase switch
    {
        Case.AlertRaise or Case.AlertAcknowledgement or Case.AlertEscalation or Case.AlertClosure => PriorityHint.Urgent,
        Case.VerificationRequest when e.VerificationRequest.Urgency is Urgency.Immediate or Urgency.Priority => PriorityHint.High,
        Case.None => throw new ArgumentException("The event carries no step.", nameof(e)),
        _ => PriorityHint.Routine,
    };

    /// <summary>The step as a past participle for sentences: "it cannot be answered".</summary>
    internal static string Participle(Case step) => Lookup(step).Participle;

    /// <summary>The message type, or "none" for an event without a step (for error messages).</summary>
    internal static string NameOrNone(Case step) => Entries.TryGetValue(step, out var entry) ? entry.MessageType : "none";

    private static Entry Lookup(Case step) =>
        Entries.TryGetValue(step, out var entry) ? entry : throw new ArgumentException($"{step} is not a workflow step.", nameof(step));

    private static WorkflowEvent NotNull(WorkflowEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e;
    }
}
