using Liaison.Workflow.V1;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Hotline alert steps.</summary>
public static class AlertEvents
{
    public const string Id = "al-1";

    public static WorkflowEvent Raise(uint ackWindowMinutes = 15, string id = Id) => new()
    {
        WorkflowId = id,
        CaseReference = "LC-HOT-0001",
        OfficerId = "vn-duty-1",
        AlertRaise = new AlertRaise
        {
            Urgency = Urgency.Immediate,
            Summary = Texts.Vi("Nghi vấn đưa trẻ em qua biên giới tại km 5 (tổng hợp)"),
            AckWindowMinutes = ackWindowMinutes,
            Handling = new HandlingInstructions { Code = HandlingCode.H0, SourceReliability = SourceReliability.X, InformationAccuracy = InformationAccuracy._3 },
        },
    };

    public static WorkflowEvent Acknowledge(string officer = "cn-duty-4", string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = officer,
        AlertAcknowledgement = new AlertAcknowledgement { AcknowledgedBy = officer },
    };

    public static WorkflowEvent Escalate(uint level, string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = "vn-duty-1",
        AlertEscalation = new AlertEscalation { EscalationLevel = level, Reason = Texts.En("No acknowledgement") },
    };

    public static WorkflowEvent Close(string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = "vn-duty-1",
        AlertClosure = new AlertClosure { Resolution = Texts.En("Children intercepted") },
    };
}
