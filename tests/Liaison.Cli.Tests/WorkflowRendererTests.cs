using Google.Protobuf.WellKnownTypes;
using Liaison.Cli.Commands;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Verification;

namespace Liaison.Cli.Tests;

/// <summary>What <c>workflow show</c> and <c>case show</c> print for deadline reminders, escalations and the overdue flag, in the --lang language.</summary>
public sealed class WorkflowRendererTests
{
    private static readonly Timestamp At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 3, 6, 0, 0, 0, TimeSpan.FromHours(8)));

    private static Gateway.V1.Workflow OverdueByIdentification()
    {
        var workflow = new Gateway.V1.Workflow
        {
            WorkflowId = "vr-1",
            Kind = Gateway.V1.WorkflowKind.Verification,
            State = "Answered",
            Overdue = true,
            OverdueDeadline = ReminderDeadline.Identification,
        };
        workflow.Steps.Add(new WorkflowStep { AuthorNode = "vn-laocai", CreateTime = At, Event = VerificationReminders.Step("vr-1", "gateway.system", Reminder.Overdue(DeadlineKind.Identification)) });
        workflow.Steps.Add(new WorkflowStep { AuthorNode = "vn-laocai", CreateTime = At, Event = new WorkflowEvent { WorkflowId = "al-1", OfficerId = "gateway.system", AlertEscalation = new AlertEscalation { EscalationLevel = 2 } } });
        return workflow;
    }

    [Theory]
    [InlineData(Language.Vi, "Quá hạn: thời hạn xác định nạn nhân của yêu cầu này đã hết.", "yes (Thời hạn xác định nạn nhân)", "(cấp 2)")]
    [InlineData(Language.Zh, "已逾期：本请求的被害人认定期限已届满。", "yes (被害人认定期限)", "（第2级）")]
    [InlineData(Language.En, "Overdue: the identification deadline of this request has passed.", "yes (Identification deadline)", "(level 2)")]
    public void RemindersEscalationsAndTheOverdueDeadlineAreShownInTheChosenLanguage(Language language, string notice, string overdue, string level)
    {
        var output = new StringWriter();

        WorkflowRenderer.Write(output, OverdueByIdentification(), language);

        var text = output.ToString();
        Assert.Contains($"verification_reminder ({notice})", text, StringComparison.Ordinal);
        Assert.Contains(overdue, text, StringComparison.Ordinal);
        Assert.Contains(level, text, StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkflowOnTimeIsShownAsNotOverdue()
    {
        Assert.Equal("no", WorkflowRenderer.Overdue(new Gateway.V1.Workflow { Overdue = false, OverdueDeadline = ReminderDeadline.Verification }, Language.Vi));
        Assert.Equal("yes", WorkflowRenderer.Overdue(new Gateway.V1.Workflow { Overdue = true, Kind = Gateway.V1.WorkflowKind.Alert }, Language.En));
    }
}
