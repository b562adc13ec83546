using Google.Protobuf;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Workflow.V1;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>The workflow step limits, called directly: the sample steps pass, values at a limit pass, one over fails.</summary>
public sealed class WorkflowStepLimitsTests
{
    public static TheoryData<string> SampleSteps() => [.. Samples().Keys];

    [Theory]
    [MemberData(nameof(SampleSteps))]
    public void EverySampleStepIsWithinTheLimits(string sample) =>
        Assert.Empty(WorkflowStepLimits.Check(Samples()[sample], "step"));

    [Fact]
    public void ValuesExactlyAtTheLimitsPass()
    {
        var step = VerificationEvents.Request();
        var request = step.VerificationRequest;
        request.Names[0].Name.Text = new string('N', WorkflowFieldLimits.NameChars);
        request.Remarks = Texts.En(new string('r', WorkflowFieldLimits.FreeTextChars));
        while (request.Attachments.Count < 20)
        {
            request.Attachments.Add(request.Attachments[0]);
        }

        step.OfficerId = new string('o', WorkflowFieldLimits.IdChars);

        Assert.Empty(WorkflowStepLimits.Check(step, "step"));
    }

    [Fact]
    public void OneOverEachLimitIsAViolationNamingTheFieldAndNotTheValue()
    {
        var step = VerificationEvents.Request();
        var request = step.VerificationRequest;
        request.Names[2].Name.Text = new string('N', WorkflowFieldLimits.NameChars + 1);
        request.Remarks = Texts.En(new string('r', WorkflowFieldLimits.FreeTextChars + 1));
        request.Documents[0].Number = new string('9', 65);
        request.Attachments[0].Sha256 = ByteString.CopyFrom(new byte[65]);
        step.CaseReference = "LC 2026 0042";

        var violations = WorkflowStepLimits.Check(step, "step");

        Assert.Equal(
            ["step.case_reference", "step.verification_request.names[2].name.text", "step.verification_request.documents[0].number",
             "step.verification_request.attachments[0].sha256", "step.verification_request.remarks.text"],
            violations.Select(v => v.Field));
        Assert.All(violations, v => Assert.DoesNotContain("NNN", v.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownEnumNumbersAreViolationsAtEveryDepth()
    {
        var step = HandoverEvents.Propose(HandoverEvents.Plan(HandoverEvents.Start));
        step.HandoverProposal.Plan.People[1].Sex = (Sex)7;
        step.HandoverProposal.Plan.Escorts[0].Side = (Party)(-1);
        step.HandoverProposal.Plan.Documents[0].Document.Kind = (DocumentKind)99;

        Assert.Equal(
            ["step.handover_proposal.plan.people[1].sex", "step.handover_proposal.plan.escorts[0].side", "step.handover_proposal.plan.documents[0].document.kind"],
            WorkflowStepLimits.Check(step, "step").Select(v => v.Field));
    }

    [Fact]
    public void AFloodOfBadValuesIsReportedOnlyUpToTheCap()
    {
        var step = VerificationEvents.Request();
        for (var i = 0; i < 40; i++)
        {
            step.VerificationRequest.Names.Add(new PersonName { Name = Texts.En(new string('x', 300)), Script = (NameScript)50 });
        }

        Assert.Equal(WorkflowStepLimits.MaxViolations, WorkflowStepLimits.Check(step, "step").Count);
    }

    private static Dictionary<string, WorkflowEvent> Samples()
    {
        var plan = HandoverEvents.Plan(HandoverEvents.Start);
        var catalogue = CriteriaEvents.Catalogue();
        return new()
        {
            ["verification request"] = VerificationEvents.Request(restriction: "court use only"),
            ["verification answer"] = VerificationEvents.Answer(VerificationOutcome.Confirmed),
            ["information supplied"] = VerificationEvents.SupplyInformation(),
            ["withdrawal"] = VerificationEvents.Withdraw(),
            ["handover proposal"] = HandoverEvents.Propose(plan),
            ["roll call"] = HandoverEvents.RollCall(),
            ["handover cancellation"] = HandoverEvents.Cancel(),
            ["alert"] = AlertEvents.Raise(),
            ["alert acknowledgement"] = AlertEvents.Acknowledge(),
            ["criteria proposal"] = CriteriaEvents.Propose(catalogue, TestNode.LaoCai),
            ["criteria endorsement"] = CriteriaEvents.Endorse(catalogue, TestNode.Yunnan),
        };
    }
}
