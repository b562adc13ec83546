using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>
/// The checks every fold runs before looking at a step's payload: the event's
/// ids, that the step belongs to this workflow, that the transition table has
/// a row for it in the current status, and that the author's party may take it.
/// </summary>
internal static class StepAdmission
{
    /// <summary>Returns the context for further refusals, or throws the first broken rule.</summary>
    public static StepContext Admit<TStatus>(
        TransitionTable<TStatus> table, string? currentId, TStatus? status, Party? pendingBy, WorkflowEvent e, Party author)
        where TStatus : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(e);
        var validId = WorkflowIds.IsValid(e.WorkflowId);
        var context = new StepContext(table.Kind, currentId ?? (validId ? e.WorkflowId : "(invalid id)"), status?.ToString() ?? "None", e.EventCase);
        if (!validId)
        {
            throw context.RefuseBecause("the event's workflow id must be 1-64 of A-Za-z0-9/._-, starting with a letter or digit");
        }
        if (currentId is not null && currentId != e.WorkflowId)
        {
            throw context.RefuseBecause($"the event belongs to workflow {e.WorkflowId}");
        }
        if (e.EventCase == WorkflowEvent.EventOneofCase.None || WorkflowEvents.Kind(e.EventCase) != table.Kind)
        {
            throw context.Refuse($"{context.Subject} cannot take the step {WorkflowEvents.NameOrNone(e.EventCase)}: it is not a {StepContext.KindName(table.Kind)} step");
        }
        if (author is not (Party.Initiator or Party.Responder))
        {
            throw context.RefuseBecause("the author's party must be the initiator or the responder");
        }
        if (!WorkflowIds.IsValid(e.OfficerId))
        {
            throw context.RefuseBecause("the officer id is missing or has characters outside A-Za-z0-9/._-");
        }
        if (!WorkflowIds.IsValidOrEmpty(e.CaseReference))
        {
            throw context.RefuseBecause("the case reference has characters outside A-Za-z0-9/._-");
        }

        var row = table.Find(status, e.EventCase);
        if (row is null)
        {
            throw status is null
                ? context.Refuse($"{context.Subject} does not exist yet; it cannot be {context.Participle} before it is opened")
                : context.Refuse($"{context.Subject} is {context.State}; it cannot be {context.Participle}");
        }
        if (!Allows(row.By, author, pendingBy))
        {
            throw context.Refuse(
                $"{context.Subject} cannot be {context.Participle} by {AuthorName(table.Kind, row.By, author)}; only {ActorName(table.Kind, row.By)} may do so");
        }
        return context;
    }

    private static bool Allows(StepActor actor, Party author, Party? pendingBy) => actor switch
    {
        StepActor.Initiator => author == Party.Initiator,
        StepActor.Responder => author == Party.Responder,
        StepActor.Either => true,
        StepActor.Counterpart => pendingBy is { } proposer && author != proposer,
        StepActor.Proposer => pendingBy == author,
        _ => false,
    };

    private static string AuthorName(WorkflowKind kind, StepActor rule, Party author) => rule switch
    {
        StepActor.Counterpart => "the side that made the pending proposal",
        StepActor.Proposer => "the side that did not make the pending proposal",
        _ => PartyName(kind, author),
    };

    private static string ActorName(WorkflowKind kind, StepActor actor) => actor switch
    {
        StepActor.Initiator => PartyName(kind, Party.Initiator),
        StepActor.Responder => PartyName(kind, Party.Responder),
        StepActor.Counterpart => "the other side",
        StepActor.Proposer => "the side that made it",
        _ => "either side",
    };

    private static string PartyName(WorkflowKind kind, Party party) => (kind, party) switch
    {
        (WorkflowKind.Verification, Party.Initiator) => "the requesting side",
        (WorkflowKind.Verification, _) => "the responding side",
        (WorkflowKind.Alert, Party.Initiator) => "the side that raised it",
        (WorkflowKind.Alert, _) => "the receiving side",
        (_, Party.Initiator) => "the side that opened it",
        _ => "the other side",
    };
}
