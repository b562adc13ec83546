using System.Globalization;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Verification;

namespace Liaison.Cli.Commands;

/// <summary>
/// A workflow as the <c>workflow</c> and <c>case</c> commands show it. Steps carry personal
/// data (names, documents, places), so a step is shown only by its kind and its ids.
/// </summary>
internal static class WorkflowRenderer
{
    public static void Write(TextWriter output, Liaison.Gateway.V1.Workflow workflow, Language language)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(workflow);
        output.WriteField("Workflow", Display.Untrusted(workflow.WorkflowId));
        output.WriteField("Kind", Display.Enum(workflow.Kind));
        output.WriteField("State", State(workflow));
        output.WriteField("Peer", Display.Untrusted(workflow.PeerNode));
        output.WriteField("Opened here", workflow.InitiatedHere ? "yes" : "no");
        if (workflow.VerificationDueTime is not null)
        {
            output.WriteField("Answer due", Display.Time(workflow.VerificationDueTime));
        }

        if (workflow.IdentificationDueTime is not null)
        {
            output.WriteField("Identification due", Display.Time(workflow.IdentificationDueTime));
        }

        output.WriteField("Overdue", Overdue(workflow, language));
        if (workflow.Kind == WorkflowKind.Alert && workflow.AcknowledgementMinutes > 0)
        {
            output.WriteField("Acknowledged after", workflow.AcknowledgementMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min");
        }

        output.WriteField("Markings", workflow.Markings.Count == 0 ? Display.None : string.Join("; ", workflow.Markings.Select(Display.Untrusted)));
        output.WriteLine($"  Timeline ({Display.Count(workflow.Steps.Count, "step")}):");
        foreach (var step in workflow.Steps)
        {
            output.WriteLine("    " + Line(step, language));
        }

        if (workflow.Conflicts.Count > 0)
        {
            output.WriteLine($"  Refused partner steps ({Display.Count(workflow.Conflicts.Count, "step")}):");
            foreach (var conflict in workflow.Conflicts)
            {
                output.WriteLine($"    {Display.Untrusted(conflict.EnvelopeId)}  {Display.Untrusted(conflict.Reason)}");
            }
        }
    }

    /// <summary>"no", "yes", or for a verification "yes (Identification deadline)" with the deadline that passed, in the caller's language.</summary>
    public static string Overdue(Liaison.Gateway.V1.Workflow workflow, Language language)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!workflow.Overdue)
        {
            return "no";
        }

        return Labels.TryOf(workflow.OverdueDeadline, language) is { } deadline ? $"yes ({deadline})" : "yes";
    }

    /// <summary>The state's label in the caller's language, with the state machine's name for it.</summary>
    public static string State(Liaison.Gateway.V1.Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var state = Display.Untrusted(workflow.State);
        return workflow.StateLabel.Length == 0 || workflow.StateLabel == workflow.State ? state : $"{Display.Untrusted(workflow.StateLabel)} ({state})";
    }

    /// <summary>One line: time, author node, step, state of the carrying message, envelope id.</summary>
    public static string Line(WorkflowStep step, Language language, string? workflowId = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        var parts = new List<string> { Display.Time(step.CreateTime) };
        if (workflowId is not null)
        {
            parts.Add(Display.Untrusted(workflowId));
        }

        parts.AddRange([Display.Untrusted(step.AuthorNode), StepName(step.Event, language), Display.Enum(step.MessageState), Display.Untrusted(step.EnvelopeId)]);
        return string.Join("  ", parts);
    }

    /// <summary>The step's kind, e.g. verification_answer; for an answer, its outcome's label too. Never a personal field.</summary>
    public static string StepName(WorkflowEvent? step, Language language)
    {
        if (step is null || step.EventCase == WorkflowEvent.EventOneofCase.None)
        {
            return "(no step)";
        }

        var name = WorkflowEvent.Descriptor.FindFieldByNumber((int)step.EventCase)?.Name ?? "(unknown step)";

        // The gateway's own notices are written here from the step's fields, in the caller's language,
        // rather than echoing the texts the partner's gateway put in the step.
        var detail = step.EventCase switch
        {
            WorkflowEvent.EventOneofCase.VerificationAnswer => Labels.TryOf(step.VerificationAnswer.Outcome, language),
            WorkflowEvent.EventOneofCase.VerificationReminder when VerificationReminders.From(step.VerificationReminder) is { } reminder =>
                Notices.Reminder(reminder, language),
            WorkflowEvent.EventOneofCase.AlertEscalation => Notices.Escalation(step.AlertEscalation.EscalationLevel, language),
            _ => null,
        };
        return detail is null ? name : $"{name} ({detail})";
    }
}
