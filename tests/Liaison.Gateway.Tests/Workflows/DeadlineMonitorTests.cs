using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Testing;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Tests.Support;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>
/// Deadline reminders end to end: both gateway cores on one fake clock over the linked brokers.
/// Lao Cai asks Yunnan to verify a person three weeks before the 2027 Spring Festival, so the
/// deadlines count in China's working days (the built-in 2027 data, still provisional) and in
/// Beijing time; Lao Cai's monitor sends the reminders, and both sides hold them.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class DeadlineMonitorTests
{
    private const string Id = "vr-remind-1";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Wednesday 20 January 2027, 10:00 in Kunming: inside the test agreement's year.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2027, 1, 20, 10, 0, 0, Beijing));

    [Fact]
    public async Task RemindersFollowChinasWorkingDaysAcrossTheSpringFestivalEachOnceUntilTheAnswer()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await laoCai.Coordinator.SubmitStepAsync("req-" + Id, TestParties.Yunnan, VerificationEvents.Request(Id), CancellationToken.None);
        await DeliveredAsync(gateways.LaoCai, 1);

        // 20 working days from 20 January would end on Wednesday 17 February; the Spring Festival
        // (Friday 5 and Monday 8 February) moves it to Friday 19 February, and identification to 5 March.
        var due = laoCai.Deadlines.For(TestParties.Yunnan, time.GetUtcNow())!.Value.Deadlines;
        Assert.Equal(new DateOnly(2027, 2, 19), due.VerificationDue);
        Assert.Equal(new DateOnly(2027, 3, 5), due.IdentificationDue);
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));

        // Five working days before: at midnight in Kunming starting Friday 12 February, not a second earlier.
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 2, 12, 0, 0, 0, Beijing), Reminder.Before(DeadlineKind.Verification, 5));
        await FoldedAtYunnanAsync(yunnan, 1);
        Assert.Empty(await yunnan.Monitor.SweepOnceAsync(CancellationToken.None));
        await DeliveredAsync(gateways.LaoCai, 2);

        // One working day before: Thursday 18 February.
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 2, 18, 0, 0, 0, Beijing), Reminder.Before(DeadlineKind.Verification, 1));
        await FoldedAtYunnanAsync(yunnan, 2);
        await DeliveredAsync(gateways.LaoCai, 3);

        // Overdue from the local midnight after the due date: Saturday 20 February, 00:00 in Kunming (16:00 UTC the day before).
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 2, 19, 16, 0, 0, TimeSpan.Zero), Reminder.Overdue(DeadlineKind.Verification));
        var atYunnan = await FoldedAtYunnanAsync(yunnan, 3);
        Assert.True(due.IsOverdue(DeadlineKind.Verification, time.GetUtcNow(), LegalTimeZones.For(Country.China)));
        Assert.Equal(VerificationStatus.Requested, atYunnan.Status);
        Assert.Single(laoCai.MonitorLog.With(4105));
        Assert.Equal(2, laoCai.MonitorLog.With(4104).Count);
        Assert.Empty(await yunnan.Monitor.SweepOnceAsync(CancellationToken.None));
        Assert.Equal(3, yunnan.MonitorLog.With(4106).Count);
        await DeliveredAsync(gateways.LaoCai, 4);

        // Yunnan answers late; no reminder of the identification deadline follows a final answer.
        var answer = VerificationEvents.Answer(VerificationOutcome.NotFound, VictimDetermination.Undetermined, Id);
        answer.VerificationAnswer.Criteria = null;
        await yunnan.Coordinator.SubmitStepAsync("req-ans-" + Id, TestParties.LaoCai, answer, CancellationToken.None);
        await Polling.UntilAsync(() => laoCai.Coordinator.GetAsync(Id, CancellationToken.None),
            w => w.State is VerificationState { Status: VerificationStatus.Answered }, Deadline, "the answer folded at Lao Cai");
        time.SetUtcNow(new DateTimeOffset(2027, 3, 10, 0, 0, 0, Beijing));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AfterAnAnswerThatLeavesTheVictimUndeterminedTheIdentificationDeadlineIsRemindedAndFlaggedOnBothSides()
    {
        const string id = "vr-remind-2";
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await laoCai.Coordinator.SubmitStepAsync("req-" + id, TestParties.Yunnan, VerificationEvents.Request(id), CancellationToken.None);
        await DeliveredAsync(gateways.LaoCai, 1, id);

        // Yunnan finds the person in time (verification due 19 February) but cannot yet say whether she is a victim.
        time.SetUtcNow(new DateTimeOffset(2027, 2, 10, 9, 0, 0, Beijing));
        var answer = VerificationEvents.Answer(VerificationOutcome.Confirmed, VictimDetermination.Undetermined, id);
        answer.VerificationAnswer.Criteria = null;
        await FoldedAtYunnanAsync(yunnan, 0, id);
        await yunnan.Coordinator.SubmitStepAsync("req-ans-" + id, TestParties.LaoCai, answer, CancellationToken.None);
        await Polling.UntilAsync(() => laoCai.Coordinator.GetAsync(id, CancellationToken.None),
            w => w.State is VerificationState { Status: VerificationStatus.Answered }, Deadline, "the answer folded at Lao Cai");
        await DeliveredAsync(gateways.Yunnan, 1, id);

        // The verification deadline no longer runs: its reminders and its overdue notice are not sent.
        time.SetUtcNow(new DateTimeOffset(2027, 2, 20, 1, 0, 0, Beijing));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        Assert.False((await ShownAsync(laoCai, gateways.LaoCai, id)).Overdue);

        // The identification deadline (Friday 5 March) does: 5 and 1 working days before, then overdue.
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 2, 26, 0, 0, 0, Beijing), Reminder.Before(DeadlineKind.Identification, 5), id);
        await FoldedAtYunnanAsync(yunnan, 1, id);
        await DeliveredAsync(gateways.LaoCai, 2, id);
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 3, 4, 0, 0, 0, Beijing), Reminder.Before(DeadlineKind.Identification, 1), id);
        await FoldedAtYunnanAsync(yunnan, 2, id);
        await DeliveredAsync(gateways.LaoCai, 3, id);

        // On the due date itself the request is on time; from the local midnight after it, it is overdue on both sides, and the API says which deadline.
        time.SetUtcNow(new DateTimeOffset(2027, 3, 5, 23, 59, 59, Beijing));
        Assert.False((await ShownAsync(laoCai, gateways.LaoCai, id)).Overdue);
        await ExpectAsync(laoCai, new DateTimeOffset(2027, 3, 6, 0, 0, 0, Beijing), Reminder.Overdue(DeadlineKind.Identification), id);
        var atYunnan = await FoldedAtYunnanAsync(yunnan, 3, id);
        Assert.Equal(DeadlineKind.Identification, atYunnan.RunningDeadline);
        var notice = (await yunnan.Coordinator.GetAsync(id, CancellationToken.None)).Steps[^1].Event.VerificationReminder.Texts;
        Assert.Equal(["vi", "zh-Hans", "en"], notice.Select(t => t.Language));
        Assert.Equal("已逾期：本请求的被害人认定期限已届满。", notice[1].Text);
        foreach (var shown in new[] { await ShownAsync(laoCai, gateways.LaoCai, id), await ShownAsync(yunnan, gateways.Yunnan, id) })
        {
            Assert.True(shown.Overdue);
            Assert.Equal(ReminderDeadline.Identification, shown.OverdueDeadline);
        }

        Assert.Equal(["Identification"], laoCai.MonitorLog.With(4105).Select(v => (string)v["Deadline"]!));
    }

    /// <summary>The workflow as the API shows it to this side now.</summary>
    private async Task<Liaison.Gateway.V1.Workflow> ShownAsync(WorkflowJobServices side, GatewayCore core, string id) =>
        Liaison.Gateway.Grpc.Internal.WorkflowMapper.ToWorkflow(
            await side.Coordinator.GetAsync(id, CancellationToken.None), core.Node.NodeId, side.Deadlines, time.GetUtcNow(), Liaison.Workflows.Localization.Language.En);

    /// <summary>Nothing is due a second before <paramref name="firesAt"/>; at it, exactly <paramref name="reminder"/> is sent, once.</summary>
    private async Task ExpectAsync(WorkflowJobServices laoCai, DateTimeOffset firesAt, Reminder reminder, string id = Id)
    {
        time.SetUtcNow(firesAt - TimeSpan.FromSeconds(1));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        time.SetUtcNow(firesAt);
        Assert.Equal([(id, reminder)], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
    }

    private static async Task<VerificationState> FoldedAtYunnanAsync(WorkflowJobServices yunnan, int reminders, string id = Id)
    {
        var workflow = await Polling.UntilAsync(() => yunnan.Coordinator.GetAsync(id, CancellationToken.None),
            w => w.State is VerificationState v && v.Reminders.Count == reminders, Deadline, $"{reminders} reminders folded at Yunnan");
        return (VerificationState)workflow.State!;
    }

    /// <summary>Waits until Lao Cai's <paramref name="count"/> steps are delivered, so that moving the clock by days cannot expire them.</summary>
    private static async Task DeliveredAsync(GatewayCore core, int count, string id = Id) =>
        await Polling.UntilAsync(
            async () => await core.Store.ListByCorrelationAsync(MessageDirection.Outbound, id, null, 20),
            m => m.Count == count && m.All(x => x.State == MessageState.Delivered),
            Deadline,
            $"{count} outbound steps delivered");
}
