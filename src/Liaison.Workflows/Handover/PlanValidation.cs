using Liaison.Workflow.V1;

namespace Liaison.Workflows.Handover;

/// <summary>Checks a proposed plan against the policy; returns why it is refused, or null.</summary>
internal static class PlanValidation
{
    public static string? Problem(HandoverPlan? plan, HandoverPolicy policy, DateTimeOffset at)
    {
        if (plan is null || plan.People.Count == 0)
        {
            return "the plan lists nobody to hand over";
        }
        if (policy.Find(plan.BorderGateId) is null)
        {
            return $"border gate {(WorkflowIds.IsValid(plan.BorderGateId) ? plan.BorderGateId : "(invalid id)")} is not one of the configured gates";
        }
        if (plan.WindowStart is null || plan.WindowEnd is null || plan.WindowEnd.ToDateTimeOffset() <= plan.WindowStart.ToDateTimeOffset())
        {
            return "the plan needs a time window whose end is after its start";
        }
        if (plan.WindowStart.ToDateTimeOffset() - at < policy.MinimumNotice)
        {
            return $"the window starts less than {policy.MinimumNoticeDays} days after the proposal; at least {policy.MinimumNoticeDays} days' notice is required";
        }
        return PeopleProblem(plan) ?? ItemsProblem(plan);
    }

    private static string? PeopleProblem(HandoverPlan plan)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in plan.People)
        {
            if (!WorkflowIds.IsValid(person.PersonId) || !ids.Add(person.PersonId))
            {
                return "every person needs an opaque person id (A-Za-z0-9/._-), unique within the plan";
            }
        }
        foreach (var person in plan.People.Where(p => p.AccompaniesPersonId.Length > 0))
        {
            var adult = plan.People.FirstOrDefault(p => p.PersonId == person.AccompaniesPersonId);
            if (adult is null || adult.AccompaniesPersonId.Length > 0 || adult.PersonId == person.PersonId)
            {
                return $"minor {person.PersonId} must accompany an adult listed in the same plan";
            }
        }
        return null;
    }

    private static string? ItemsProblem(HandoverPlan plan)
    {
        var ids = plan.People.Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        if (plan.Documents.Any(d => !ids.Contains(d.PersonId)) || plan.Belongings.Any(b => !ids.Contains(b.PersonId)))
        {
            return "every document and belonging must belong to a person listed in the plan";
        }
        if (plan.Escorts.Any(e => !WorkflowIds.IsValid(e.OfficerId) || e.Side == Party.Unspecified))
        {
            return "every escort needs an officer id and a side";
        }
        return null;
    }
}
