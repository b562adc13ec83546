using System.Globalization;
using Liaison.Cli.Rendering;
using Liaison.Workflow.V1;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>A hotline alert: Yunnan raises an urgent one with a 15-minute acknowledgement window, Lao Cai acknowledges it.</summary>
internal static class AlertWalk
{
    public const uint AckWindowMinutes = 15;

    /// <summary>The alert's SYNTHETIC summary, which the privacy and secrets scans look for.</summary>
    internal const string Summary = "疑似有儿童正被带往边境（合成测试数据）";

    public static async Task<string> RunAsync(WorkflowWalk walk, CancellationToken cancellationToken)
    {
        var id = $"al-demo-{walk.RunId}";
        walk.Part("Alert: Yunnan calls the hotline; Lao Cai must acknowledge within the window.");
        var raise = new WorkflowEvent
        {
            WorkflowId = id,
            CaseReference = "YN-HOT-0001",
            OfficerId = "cn-duty-4",
            AlertRaise = new AlertRaise
            {
                Urgency = Urgency.Immediate,
                Summary = new LocalizedText { Language = "zh-Hans", Text = Summary },
                AckWindowMinutes = AckWindowMinutes,
                Handling = new HandlingInstructions { Code = HandlingCode.H0, SourceReliability = SourceReliability.X, InformationAccuracy = InformationAccuracy._3 },
            },
        };
        var (raised, _) = await walk.TakeAsync(walk.Yunnan, raise, "Raised", $"raises an alert, urgency IMMEDIATE, acknowledgement window {AckWindowMinutes} minutes (sent as PRIORITY_URGENT)", cancellationToken);

        var acknowledge = new WorkflowEvent
        {
            WorkflowId = id,
            CaseReference = "LC-HOT-0001",
            OfficerId = "vn-duty-2",
            AlertAcknowledgement = new AlertAcknowledgement { AcknowledgedBy = "vn-duty-2" },
        };
        var (_, atYunnan) = await walk.TakeAsync(walk.LaoCai, acknowledge, "Acknowledged", "acknowledges the alert (duty officer vn-duty-2)", cancellationToken);
        var acknowledgedAt = atYunnan.Steps.Last().CreateTime;
        var after = atYunnan.AcknowledgementMinutes >= 1
            ? atYunnan.AcknowledgementMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
            : (atYunnan.AcknowledgementMinutes * 60).ToString("0.###", CultureInfo.InvariantCulture) + " s";
        walk.Output.WriteField("Acknowledged at", $"{Display.Time(acknowledgedAt)}, {after} after it was raised at {Display.Time(raised.Workflow.Steps[0].CreateTime)} (window {AckWindowMinutes} min), overdue: {(atYunnan.Overdue ? "yes" : "no")}");
        return id;
    }
}
