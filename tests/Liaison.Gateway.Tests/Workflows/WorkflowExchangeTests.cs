using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Testing;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>
/// Workflows end to end: Lao Cai's and Yunnan's gateway cores on their own brokers, linked by
/// the shovels (real RabbitMQ), each taking steps through its own coordinator and folding
/// what both sides did from its own store.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class WorkflowExchangeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AVerificationRequestIsAnsweredAcrossTheBorderAndIllegalStepsAreRefusedOnBothSides()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var laoCai = Coordinator(gateways.LaoCai);
        var yunnan = Coordinator(gateways.Yunnan);
        var request = VerificationEvents.Request("vr-e2e-1");

        var (sent, _) = await laoCai.SubmitStepAsync("req-vr-1", TestParties.Yunnan, request, CancellationToken.None);
        Assert.Equal("Requested", sent.StateName);
        var received = await Polling.UntilAsync(async () => await yunnan.GetAsync("vr-e2e-1", CancellationToken.None), w => w.StateName == "Requested", Deadline, "the request folded at Yunnan");
        Assert.Equal(TestParties.LaoCai, received.InitiatorNode);

        // No criteria version is agreed yet, so an answer that cites one is refused...
        var citing = VerificationEvents.Answer(VerificationOutcome.NotFound, VictimDetermination.Undetermined, "vr-e2e-1");
        var notInForce = await Assert.ThrowsAsync<WorkflowRefusedException>(() => yunnan.SubmitStepAsync("req-ans-0", TestParties.LaoCai, citing, CancellationToken.None));
        Assert.Equal("step.verification_answer.criteria", notInForce.Field);

        // ...and the requester cannot answer its own request.
        var answer = citing.Clone();
        answer.VerificationAnswer.Criteria = null;
        await Assert.ThrowsAsync<IllegalTransitionException>(() => laoCai.SubmitStepAsync("req-ans-la", TestParties.Yunnan, answer, CancellationToken.None));

        var (answered, message) = await yunnan.SubmitStepAsync("req-ans-1", TestParties.LaoCai, answer, CancellationToken.None);
        Assert.Equal("Answered", answered.StateName);
        Assert.Equal(Envelope.V1.Priority.Routine, message.Message.Priority);
        var atLaoCai = await Polling.UntilAsync(async () => await laoCai.GetAsync("vr-e2e-1", CancellationToken.None), w => w.StateName == "Answered", Deadline, "the answer folded at Lao Cai");
        Assert.Empty(atLaoCai.Conflicts);
        Assert.Equal(2, atLaoCai.Steps.Count);

        // A retry of the answer returns the first result; a second answer, or withdrawing an answered request, is refused.
        var (retried, replay) = await yunnan.SubmitStepAsync("req-ans-1", TestParties.LaoCai, answer, CancellationToken.None);
        Assert.True(replay.IsReplay);
        Assert.Equal("Answered", retried.StateName);
        var again = await Assert.ThrowsAsync<IllegalTransitionException>(() => yunnan.SubmitStepAsync("req-ans-2", TestParties.LaoCai, answer, CancellationToken.None));
        Assert.Equal("Answered", again.CurrentState);
        var withdrawal = new WorkflowEvent { WorkflowId = "vr-e2e-1", OfficerId = "vn-officer-7", VerificationWithdrawal = new VerificationWithdrawal { Reason = Texts.En("found") } };
        await Assert.ThrowsAsync<IllegalTransitionException>(() => laoCai.SubmitStepAsync("req-wd-1", TestParties.Yunnan, withdrawal, CancellationToken.None));

        // The workflow's steps went out under its id, and were delivered with verified receipts.
        await Polling.UntilAsync(
            async () => await gateways.LaoCai.Store.ListByCorrelationAsync(MessageDirection.Outbound, "vr-e2e-1", null, 10),
            m => m.Count == 1 && m[0].State == MessageState.Delivered,
            Deadline,
            "the request delivered with a verified receipt");
    }

    [Fact]
    public async Task AnAlertJumpsTheQueueIsAcknowledgedOnceAndTheAcknowledgementTimeIsKept()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var laoCai = Coordinator(gateways.LaoCai);
        var yunnan = Coordinator(gateways.Yunnan);

        var (_, raised) = await laoCai.SubmitStepAsync("req-al-1", TestParties.Yunnan, AlertEvents.Raise(15, "al-e2e-1"), CancellationToken.None);
        Assert.Equal(Envelope.V1.Priority.Urgent, raised.Message.Priority);
        await Polling.UntilAsync(async () => await yunnan.GetAsync("al-e2e-1", CancellationToken.None), w => w.Kind == WorkflowKind.Alert, Deadline, "the alert folded at Yunnan");

        var (acknowledged, _) = await yunnan.SubmitStepAsync("req-ack-1", TestParties.LaoCai, AlertEvents.Acknowledge("cn-duty-4", "al-e2e-1"), CancellationToken.None);
        Assert.Equal("Acknowledged", acknowledged.StateName);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => yunnan.SubmitStepAsync("req-ack-2", TestParties.LaoCai, AlertEvents.Acknowledge("cn-duty-5", "al-e2e-1"), CancellationToken.None));
        var atLaoCai = await Polling.UntilAsync(async () => await laoCai.GetAsync("al-e2e-1", CancellationToken.None), w => w.StateName == "Acknowledged", Deadline, "the acknowledgement folded at Lao Cai");
        var state = Assert.IsType<Liaison.Workflows.Alerts.AlertState>(atLaoCai.State);
        Assert.NotNull(state.TimeToAcknowledge);
        Assert.True(state.TimeToAcknowledge >= TimeSpan.Zero);

        // Both sides report the alert and its acknowledgement time.
        foreach (var side in new[] { gateways.LaoCai, gateways.Yunnan })
        {
            var period = Liaison.Workflows.Reports.ReportPeriod.Containing(
                Liaison.Workflows.Calendar.OverdueRule.LocalDate(DateTimeOffset.UtcNow, Liaison.Workflows.Calendar.LegalTimeZones.Vietnam), Liaison.Workflows.Reports.ReportPeriodKind.Quarter);
            var alerts = (await WorkflowTestGateway.For(side).Reports.ComputeAsync(period, CancellationToken.None)).Alerts;
            Assert.Equal((1, 1), (alerts.Raised, alerts.Acknowledged));
            Assert.NotNull(alerts.MedianAcknowledgement);
        }
    }

    private static WorkflowCoordinator Coordinator(GatewayCore core)
    {
        var ledger = new WorkflowLedger(core.Node, core.Store);
        var fold = new WorkflowFold(core.Node.Agreement, new HandoverPolicy(WorkflowDefaults.BorderGates));
        return new WorkflowCoordinator(core.Node, core.Store, ledger, fold, core.Submitter, TimeProvider.System);
    }
}
