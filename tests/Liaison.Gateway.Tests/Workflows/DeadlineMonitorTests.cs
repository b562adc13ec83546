using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Testing;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Reports;
using Liaison.Workflows.Tests.Support;
using Liaison.Workflows.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    // When the identification deadline of a workflow answered on 10 February 2027 is overdue.
    private static readonly DateTimeOffset IdentificationOverdue = new(2027, 3, 6, 0, 0, 0, Beijing);

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
        await ExpectAsync(laoCai, IdentificationOverdue, Reminder.Overdue(DeadlineKind.Identification), id);
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

    [Fact]
    public async Task AnOverdueNoticeThatExpiredUndeliveredIsResentAfterTheBackoffOncePerAttemptUntilOneGetsThrough()
    {
        const string id = "vr-remind-3";
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var (laoCai, yunnan) = await AwaitingIdentificationAsync(gateways, id, new WorkflowJobsOptions { ReminderRetries = 2, ReminderRetryDelay = TimeSpan.FromMinutes(1) });
        var overdue = Reminder.Overdue(DeadlineKind.Identification);

        // The link to Yunnan is down: the overdue notice waits on Lao Cai's broker until its envelope expires.
        var shovel = await OverdueSentWhileTheLinkIsDownAsync(gateways, laoCai, id);
        await using (shovel)
        {
            await ExpireAsync(gateways.LaoCai, DeadlineMonitor.RequestIdFor(id, overdue));

            // Not at once: a minute after the failure, then two minutes after the next; each attempt once.
            Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([(id, overdue)], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, DeadlineMonitor.RequestIdFor(id, overdue, 1));
            time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([(id, overdue)], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            await shovel.RestoreAsync();
        }

        // The second retry gets through: Yunnan holds one overdue notice, and Lao Cai sends it no more.
        await DeliveredWhileTheClockRunsAsync(gateways.LaoCai, DeadlineMonitor.RequestIdFor(id, overdue, 2), "the second retry delivered");
        var atYunnan = await FoldedAtYunnanAsync(yunnan, 1, id);
        Assert.Equal([overdue], atYunnan.Reminders);
        time.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        Assert.Null(await gateways.LaoCai.Store.GetByRequestIdAsync(DeadlineMonitor.RequestIdFor(id, overdue, 3), CancellationToken.None));

        // Each retry was logged with its attempt and what became of the one before; the first sending as overdue.
        Assert.Equal([(1, "Expired"), (2, "Expired")], laoCai.MonitorLog.With(4111).Select(v => ((int)v["Attempt"]!, (string)v["PreviousState"]!)));
        Assert.Single(laoCai.MonitorLog.With(4105));
        Assert.Empty(laoCai.MonitorLog.With(4112));
    }

    [Fact]
    public async Task AnOverdueNoticeThePartnerRefusedIsResentAfterTheBackoffUnderItsOwnRequestId()
    {
        const string id = "vr-remind-5";
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var (laoCai, yunnan) = await AwaitingIdentificationAsync(gateways, id, new WorkflowJobsOptions { ReminderRetries = 2, ReminderRetryDelay = TimeSpan.FromMinutes(1) });
        var overdue = Reminder.Overdue(DeadlineKind.Identification);
        var first = DeadlineMonitor.RequestIdFor(id, overdue);

        // The notice waits on Lao Cai's broker beyond its lifetime and Yunnan's clock skew (but within
        // Lao Cai's expiry grace): Yunnan refuses it as expired, and its receipt says so.
        var shovel = await OverdueSentWhileTheLinkIsDownAsync(gateways, laoCai, id);
        await using (shovel)
        {
            var published = await Polling.UntilAsync(() => gateways.LaoCai.Store.GetByRequestIdAsync(first, CancellationToken.None),
                m => m?.State == MessageState.Published, Deadline, "the overdue notice published");
            time.SetUtcNow(published!.ExpiresAt + TimeSpan.FromMinutes(3));
            await shovel.RestoreAsync();
        }

        var refused = await Polling.UntilAsync(() => gateways.LaoCai.Store.GetByRequestIdAsync(first, CancellationToken.None),
            m => m?.State == MessageState.Rejected, Deadline, "the overdue notice refused by Yunnan");
        Assert.Equal(Envelope.V1.RejectionReason.Expired, refused!.RejectionReason);

        // Not at once: a minute after the refusal, under the next attempt's request id; and it gets through.
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([(id, overdue)], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        await Polling.UntilAsync(() => gateways.LaoCai.Store.GetByRequestIdAsync(DeadlineMonitor.RequestIdFor(id, overdue, 1), CancellationToken.None),
            m => m?.State == MessageState.Delivered, Deadline, "the retry delivered");
        Assert.Equal([overdue], (await FoldedAtYunnanAsync(yunnan, 1, id)).Reminders);
        Assert.Equal([(1, "Rejected")], laoCai.MonitorLog.With(4111).Select(v => ((int)v["Attempt"]!, (string)v["PreviousState"]!)));
    }

    [Fact]
    public async Task RetriesOfAReminderAreBoundedAndTheirEndIsLoggedOnce()
    {
        const string id = "vr-remind-4";
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var (laoCai, yunnan) = await AwaitingIdentificationAsync(gateways, id, new WorkflowJobsOptions { ReminderRetries = 1, ReminderRetryDelay = TimeSpan.FromMinutes(1) });
        var overdue = Reminder.Overdue(DeadlineKind.Identification);

        var shovel = await OverdueSentWhileTheLinkIsDownAsync(gateways, laoCai, id);
        await using (shovel)
        {
            await ExpireAsync(gateways.LaoCai, DeadlineMonitor.RequestIdFor(id, overdue));
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal([(id, overdue)], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, DeadlineMonitor.RequestIdFor(id, overdue, 1));

            for (var i = 0; i < 3; i++)
            {
                time.Advance(TimeSpan.FromHours(3));
                Assert.Empty(await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
            }
        }

        Assert.Null(await gateways.LaoCai.Store.GetByRequestIdAsync(DeadlineMonitor.RequestIdFor(id, overdue, 2), CancellationToken.None));
        var exhausted = Assert.Single(laoCai.MonitorLog.With(4112));
        Assert.Equal(("Identification", true), ((string)exhausted["Deadline"]!, (bool)exhausted["Overdue"]!));
        Assert.Single(laoCai.MonitorLog.With(4111));
    }

    [Fact]
    public void TheReminderRetryDelayDoublesUpToItsCapAndItsSettingsAreCheckedInSentences()
    {
        var options = new WorkflowJobsOptions { ReminderRetryDelay = TimeSpan.FromMinutes(5), ReminderRetryMaxDelay = TimeSpan.FromMinutes(30) };
        var monitor = new DeadlineMonitor(new ServiceCollection().BuildServiceProvider(), time, Options.Create(options), new RecordingLogger<DeadlineMonitor>());
        Assert.Equal([5, 10, 20, 30, 30], Enumerable.Range(1, 5).Select(n => monitor.RetryDelay(n).TotalMinutes));

        var reminder = Reminder.Before(DeadlineKind.Verification, 5);
        Assert.Equal(DeadlineMonitor.RequestIdFor("vr-x", reminder), DeadlineMonitor.RequestIdFor("vr-x", reminder, 0));
        Assert.Equal("reminder/Verification-5.1/vr-x", DeadlineMonitor.RequestIdFor("vr-x", reminder, 1));
        Assert.NotEqual(DeadlineMonitor.RequestIdFor("vr-x", reminder, 1), DeadlineMonitor.RequestIdFor("vr-x", Reminder.Before(DeadlineKind.Verification, 1), 1));

        var result = new WorkflowJobsOptionsValidator().Validate(null, new WorkflowJobsOptions
        {
            ReminderRetryDelay = TimeSpan.FromHours(2),
            ReminderRetryMaxDelay = TimeSpan.FromHours(1),
            ReminderRetries = 51,
        });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:ReminderRetryDelay must be positive and at most one hour", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:ReminderRetryMaxDelay must be at least Workflows:ReminderRetryDelay", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:ReminderRetries must be between 0 and 50", StringComparison.Ordinal));
        Assert.False(new WorkflowJobsOptionsValidator().Validate(null, new WorkflowJobsOptions()).Failed);
    }

    [Fact]
    public async Task ThePeriodicReportCountsAnOpenIdentificationDeadlineOnBothSidesAsTheMonitorComputesIt()
    {
        const string id = "vr-remind-5";
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var (laoCai, yunnan) = await AwaitingIdentificationAsync(gateways, id);

        // Verification answered on 10 February, before its due date (19 February); identification due 5 March, still
        // open: in 2027-Q1's cohort (15 December to 14 March), not identified, so late.
        var period = ReportPeriod.Parse("2027-Q1");
        var sent = (await new WorkflowReports(gateways.LaoCai.Node, gateways.LaoCai.Store, laoCai.Coordinator, laoCai.Deadlines).ComputeAsync(period, CancellationToken.None)).SentDeadlines;
        var received = (await new WorkflowReports(gateways.Yunnan.Node, gateways.Yunnan.Store, yunnan.Coordinator, yunnan.Deadlines).ComputeAsync(period, CancellationToken.None)).ReceivedDeadlines;
        foreach (var figures in new[] { sent, received })
        {
            Assert.Equal(new DeadlineFigures(1, 1, 1, 0, 0), figures);
            Assert.Equal(0d, figures.IdentificationShare);
        }
    }

    /// <summary>
    /// Stops the link to Yunnan, moves the clock to <see cref="IdentificationOverdue"/> and has Lao Cai's
    /// monitor send the overdue notice, which waits on Lao Cai's broker; the caller restores the link.
    /// </summary>
    private async Task<ShovelSuspension> OverdueSentWhileTheLinkIsDownAsync(LinkedGateways gateways, WorkflowJobServices laoCai, string id)
    {
        var shovel = await gateways.Link.SuspendShovelAsync(TestParties.LaoCai);
        time.SetUtcNow(IdentificationOverdue);
        Assert.Equal([(id, Reminder.Overdue(DeadlineKind.Identification))], await laoCai.Monitor.SweepOnceAsync(CancellationToken.None));
        return shovel;
    }

    /// <summary>
    /// Lao Cai asks on 20 January 2027; Yunnan finds the person on 10 February but leaves the victim undetermined.
    /// Returns both sides' workflow services, Lao Cai's with <paramref name="laoCaiOptions"/>.
    /// </summary>
    private async Task<(WorkflowJobServices LaoCai, WorkflowJobServices Yunnan)> AwaitingIdentificationAsync(LinkedGateways gateways, string id, WorkflowJobsOptions? laoCaiOptions = null)
    {
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time, laoCaiOptions);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await laoCai.Coordinator.SubmitStepAsync("req-" + id, TestParties.Yunnan, VerificationEvents.Request(id), CancellationToken.None);
        await DeliveredAsync(gateways.LaoCai, 1, id);
        time.SetUtcNow(new DateTimeOffset(2027, 2, 10, 9, 0, 0, Beijing));
        var answer = VerificationEvents.Answer(VerificationOutcome.Confirmed, VictimDetermination.Undetermined, id);
        answer.VerificationAnswer.Criteria = null;
        await FoldedAtYunnanAsync(yunnan, 0, id);
        await yunnan.Coordinator.SubmitStepAsync("req-ans-" + id, TestParties.LaoCai, answer, CancellationToken.None);
        await Polling.UntilAsync(() => laoCai.Coordinator.GetAsync(id, CancellationToken.None),
            w => w.State is VerificationState { IsAwaitingIdentification: true }, Deadline, "the answer folded at Lao Cai");
        await DeliveredAsync(gateways.Yunnan, 1, id);
        return (laoCai, yunnan);
    }

    /// <summary>Moves the clock past the attempt's envelope expiry and expires it, as the gateway's expiry sweeper does.</summary>
    private async Task ExpireAsync(GatewayCore core, string requestId)
    {
        var attempt = await Polling.UntilAsync(() => core.Store.GetByRequestIdAsync(requestId, CancellationToken.None),
            m => m?.State == MessageState.Published, Deadline, $"{requestId} published");
        time.SetUtcNow(attempt!.ExpiresAt + TimeSpan.FromSeconds(1));
        await core.Store.ExpireAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(MessageState.Expired, (await core.Store.GetByRequestIdAsync(requestId, CancellationToken.None))!.State);
    }

    /// <summary>
    /// Waits until the message of <paramref name="requestId"/> is delivered while the fake clock runs
    /// at about the speed of the real one. Frozen, it would stall the wait for good on any transient
    /// failure on the way (a publish the broker did not confirm while the shovel came back, say), since
    /// the gateway retries it after a backoff on this clock. A timeout shows the message's audit history.
    /// </summary>
    private async Task DeliveredWhileTheClockRunsAsync(GatewayCore core, string requestId, string description)
    {
        try
        {
            await Polling.UntilAsync(
                async () =>
                {
                    time.Advance(Polling.Interval);
                    return await core.Store.GetByRequestIdAsync(requestId, CancellationToken.None);
                },
                m => m?.State == MessageState.Delivered,
                Deadline,
                description);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; its audit history: {await HistoryAsync(core, requestId)}", e);
        }
    }

    /// <summary>The audit entries of the message of <paramref name="requestId"/> on <paramref name="core"/>, one line each.</summary>
    private static async Task<string> HistoryAsync(GatewayCore core, string requestId)
    {
        var envelopeId = (await core.Store.GetByRequestIdAsync(requestId, CancellationToken.None))?.EnvelopeId;
        var entries = await core.Store.ReadAuditAsync(0, 100_000, CancellationToken.None);
        return string.Join("; ", entries.Where(e => e.EnvelopeId == envelopeId).Select(e => $"{e.RecordedAt:O} {e.EventType} {e.ReasonCode} {e.Detail}"));
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
