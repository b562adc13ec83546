using Liaison.Workflow.V1;

namespace Liaison.Workflows.Handover;

/// <summary>Checks roll-calls and handover records against the agreed plan; returns why they are refused, or null.</summary>
internal static class RecordValidation
{
    public static string? RollCallProblem(HandoverState state, HandoverRollCall rollCall)
    {
        var called = rollCall.Entries.Select(e => e.PersonId).ToList();
        if (called.Count != state.PersonIds.Length || !called.ToHashSet(StringComparer.Ordinal).SetEquals(state.PersonIds))
        {
            return "the roll-call must list every person of the agreed list exactly once, and nobody else";
        }
        foreach (var entry in rollCall.Entries)
        {
            if (entry.Presence == RollCallPresence.Unspecified)
            {
                return $"person {entry.PersonId} is marked neither present nor missing";
            }
            if (entry.Presence == RollCallPresence.Missing && string.IsNullOrWhiteSpace(entry.Reason?.Text))
            {
                return $"person {entry.PersonId} is missing without a reason";
            }
        }
        return null;
    }

    public static string? RecordProblem(HandoverState state, HandoverRecord? record)
    {
        if (record is null)
        {
            return "it carries no handover record";
        }
        if (record.WorkflowId != state.WorkflowId)
        {
            return "the record names another handover";
        }
        if (record.BorderGateId != state.BorderGateId)
        {
            return $"the record's border gate is not the agreed gate {state.BorderGateId}";
        }
        if (record.HandedOverAt is null)
        {
            return "the record does not say when the people were handed over";
        }
        var people = record.People.Select(p => p.PersonId).ToList();
        var present = state.PresentPersonIds.ToHashSet(StringComparer.Ordinal);
        if (people.Count == 0 || people.Count != present.Count || !present.SetEquals(people))
        {
            return "the record must list exactly the people present at the roll-call";
        }
        if (record.ChildrenPersonIds.Any(c => !present.Contains(c)))
        {
            return "every child in the record must be one of the people handed over";
        }
        return null;
    }
}
