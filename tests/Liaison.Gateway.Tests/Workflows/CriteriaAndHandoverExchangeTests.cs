using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Crypto.V1;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Reports;
using Liaison.Workflows.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>
/// Criteria agreed, cited in an answer, and a repatriation handover from proposal to the
/// record both sides signed, between two gateway cores on the linked brokers (real RabbitMQ);
/// each side signs with its own agreement key. Then the periodic report of each side counts
/// exactly what the test exchanged.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class CriteriaAndHandoverExchangeTests
{
    [Fact]
    public async Task CriteriaSignedByBothSidesComeIntoForceAndAnAnswerCitingThemIsCounted()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var laoCai = WorkflowTestGateway.For(gateways.LaoCai);
        var yunnan = WorkflowTestGateway.For(gateways.Yunnan);
        var catalogue = CriteriaEvents.Catalogue();
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        catalogue.EffectiveFrom = new CivilDate { Year = yesterday.Year, Month = yesterday.Month, Day = yesterday.Day };
        var proposal = new WorkflowEvent { WorkflowId = "cr-e2e-1", OfficerId = "vn-officer-1", CriteriaProposal = new CriteriaProposal { Catalogue = catalogue } };

        var (proposed, _) = await laoCai.Coordinator.SubmitStepAsync("req-cr-1", TestParties.Yunnan, proposal, CancellationToken.None);
        Assert.Equal("Proposed", proposed.StateName);
        var endorsement = new WorkflowEvent { WorkflowId = "cr-e2e-1", OfficerId = "vn-officer-1", CriteriaEndorsement = new CriteriaEndorsement() };
        var ownEndorsement = await Assert.ThrowsAsync<IllegalTransitionException>(() => laoCai.Coordinator.SubmitStepAsync("req-cr-own", TestParties.Yunnan, endorsement, CancellationToken.None));
        Assert.Equal("Proposed", ownEndorsement.CurrentState);

        await yunnan.UntilAsync("cr-e2e-1", "Proposed");
        endorsement.OfficerId = "cn-officer-2";
        var (agreed, _) = await yunnan.Coordinator.SubmitStepAsync("req-cr-2", TestParties.LaoCai, endorsement, CancellationToken.None);
        Assert.Equal("Agreed", agreed.StateName);
        var atLaoCai = await laoCai.UntilAsync("cr-e2e-1", "Agreed");
        Assert.Empty(atLaoCai.Conflicts);
        var version = new CriteriaVersionId(1, Convert.ToHexStringLower(CriteriaDigest.Of(catalogue)));
        Assert.True((await laoCai.Coordinator.CriteriaAsync(CancellationToken.None)).IsInForce(version, DateTimeOffset.UtcNow));
        Assert.True((await yunnan.Coordinator.CriteriaAsync(CancellationToken.None)).IsInForce(version, DateTimeOffset.UtcNow));

        var request = VerificationEvents.Request("vr-e2e-2");
        request.VerificationRequest.Criteria = version.ToReference();
        await laoCai.Coordinator.SubmitStepAsync("req-vr-2", TestParties.Yunnan, request, CancellationToken.None);
        await yunnan.UntilAsync("vr-e2e-2", "Requested");
        var answer = VerificationEvents.Answer(VerificationOutcome.Confirmed, VictimDetermination.Victim, "vr-e2e-2");
        answer.VerificationAnswer.Criteria = version.ToReference();
        await yunnan.Coordinator.SubmitStepAsync("req-ans-2", TestParties.LaoCai, answer, CancellationToken.None);
        await laoCai.UntilAsync("vr-e2e-2", "Answered");

        var period = CurrentQuarter();
        var sent = await laoCai.Reports.ComputeAsync(period, CancellationToken.None);
        var received = await yunnan.Reports.ComputeAsync(period, CancellationToken.None);
        Assert.Equal((1, 0, 1), (sent.RequestsSent, sent.RequestsReceived, sent.VictimsIdentified));
        Assert.Equal((0, 1, 1), (received.RequestsSent, received.RequestsReceived, received.VictimsIdentified));
        Assert.Equal(1, sent.SentOutcomes.GetValueOrDefault(ReportedOutcome.Confirmed));
        Assert.Equal(1, received.ReceivedOutcomes.GetValueOrDefault(ReportedOutcome.Confirmed));
    }

    [Fact]
    public async Task AHandoverIsProposedAcceptedConfirmedRollCalledSignedByBothSidesAndCompleted()
    {
        // Both gateways on one clock the test moves to the handover's day; inside the test agreement's
        // validity (from yesterday for a year, real clock), in whole seconds as the store keeps them.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = WorkflowTestGateway.For(gateways.LaoCai, time);
        var yunnan = WorkflowTestGateway.For(gateways.Yunnan, time);
        const string id = "ho-e2e-1";
        var windowStart = time.GetUtcNow().AddDays(4);
        var plan = HandoverEvents.Plan(windowStart);
        WorkflowEvent Step(string officer, Action<WorkflowEvent> set)
        {
            var e = new WorkflowEvent { WorkflowId = id, CaseReference = "HO-2026-0001", OfficerId = officer };
            set(e);
            return e;
        }

        await yunnan.Coordinator.SubmitStepAsync("ho-1", TestParties.LaoCai, Step("cn-officer-1", e => e.HandoverProposal = new HandoverProposal { Plan = plan }), CancellationToken.None);
        await laoCai.UntilAsync(id, "Proposed");
        await laoCai.Coordinator.SubmitStepAsync("ho-2", TestParties.Yunnan, Step("vn-officer-1", e => e.HandoverAcceptance = new HandoverAcceptance()), CancellationToken.None);
        await yunnan.UntilAsync(id, "Accepted");

        // A roll-call before confirmation is refused.
        var rollCall = HandoverEvents.RollCall(id);
        var early = await Assert.ThrowsAsync<IllegalTransitionException>(() => yunnan.Coordinator.SubmitStepAsync("ho-early", TestParties.LaoCai, rollCall, CancellationToken.None));
        Assert.Equal("Accepted", early.CurrentState);

        await yunnan.Coordinator.SubmitStepAsync("ho-3", TestParties.LaoCai, Step("cn-officer-1", e => e.HandoverConfirmation = new HandoverConfirmation()), CancellationToken.None);
        await laoCai.UntilAsync(id, "Confirmed");

        // Confirmed, but four days before the agreed window: the roll-call is refused, with the window in the gate's time.
        var tooEarly = await Assert.ThrowsAsync<IllegalTransitionException>(() => laoCai.Coordinator.SubmitStepAsync("ho-4", TestParties.Yunnan, rollCall, CancellationToken.None));
        Assert.Equal("Confirmed", tooEarly.CurrentState);
        Assert.Contains("is before the agreed window at gate VN-LAOCAI/CN-HEKOU", tooEarly.Message, StringComparison.Ordinal);
        Assert.Contains("(Asia/Ho_Chi_Minh)", tooEarly.Message, StringComparison.Ordinal);

        time.SetUtcNow(windowStart.AddMinutes(20));
        await laoCai.Coordinator.SubmitStepAsync("ho-4", TestParties.Yunnan, rollCall, CancellationToken.None);
        await yunnan.UntilAsync(id, "RollCalled");

        var record = HandoverEvents.Record(plan, time.GetUtcNow(), id);
        var sign = Step("vn-officer-1", e => e.HandoverRecordSignature = new HandoverRecordSignature { Record = record });
        await laoCai.Coordinator.SubmitStepAsync("ho-5", TestParties.Yunnan, sign, CancellationToken.None);
        await yunnan.UntilAsync(id, "Signing");

        // Completing with only Lao Cai's signature is refused.
        var complete = Step("cn-officer-1", e => e.HandoverCompletion = new HandoverCompletion { RecordDigest = ByteString.CopyFrom(HandoverRecordDigest.Of(record)) });
        var oneSided = await Assert.ThrowsAsync<IllegalTransitionException>(() => yunnan.Coordinator.SubmitStepAsync("ho-early-done", TestParties.LaoCai, complete, CancellationToken.None));
        Assert.Equal("Signing", oneSided.CurrentState);

        sign.OfficerId = "cn-officer-1";
        await yunnan.Coordinator.SubmitStepAsync("ho-6", TestParties.LaoCai, sign, CancellationToken.None);
        await laoCai.UntilAsync(id, "Signing");
        var (completed, _) = await yunnan.Coordinator.SubmitStepAsync("ho-7", TestParties.LaoCai, complete, CancellationToken.None);
        Assert.Equal("Completed", completed.StateName);
        var atLaoCai = await laoCai.UntilAsync(id, "Completed");
        var state = Assert.IsType<HandoverState>(atLaoCai.State);
        Assert.True(state.SignedByBothOverSameDigest);
        Assert.Equal(TestParties.LaoCai, state.ResponderSignature!.SignerNode);
        Assert.Equal(TestParties.Yunnan, state.InitiatorSignature!.SignerNode);
        Assert.Empty(atLaoCai.Conflicts);
        var export = Liaison.Gateway.Workflows.HandoverRecordExport.From(atLaoCai, Liaison.Workflows.Localization.Language.Vi);
        Assert.True(export.Completed);
        Assert.Equal(Convert.ToHexStringLower(HandoverRecordDigest.Of(record)), export.RecordDigestHex);
        Assert.Equal(state.InitiatorSignature.DigestHex, export.RecordDigestHex);
        var printed = System.Text.Encoding.UTF8.GetString(export.Content);
        Assert.Contains(HandoverRecordLabels.Of("title", Liaison.Workflows.Localization.Language.Zh), printed, StringComparison.Ordinal);
        Assert.Contains(TestParties.LaoCai, printed, StringComparison.Ordinal);

        var period = QuarterOf(time.GetUtcNow());
        Assert.Equal(1, (await laoCai.Reports.ComputeAsync(period, CancellationToken.None)).HandoversCompleted);
        Assert.Equal(1, (await yunnan.Reports.ComputeAsync(period, CancellationToken.None)).HandoversCompleted);
    }

    /// <summary>The quarter the report places "now" in: by the local date in Vietnam, as the report does.</summary>
    private static ReportPeriod CurrentQuarter() => QuarterOf(DateTimeOffset.UtcNow);

    private static ReportPeriod QuarterOf(DateTimeOffset time) =>
        ReportPeriod.Containing(Liaison.Workflows.Calendar.OverdueRule.LocalDate(time, Liaison.Workflows.Calendar.LegalTimeZones.Vietnam), ReportPeriodKind.Quarter);
}
