using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Testing;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>
/// Alert escalation end to end: both gateway cores on one fake clock over the linked brokers;
/// Lao Cai raises, Yunnan does (not) acknowledge, and Lao Cai's escalator sweeps as the clock moves.
/// </summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class AlertEscalatorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Inside the test agreement's validity (from yesterday for a year, real clock); whole seconds,
    // because the store keeps milliseconds and the window's edge is tested to the instant.
    private readonly FakeTimeProvider time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));

    [Fact]
    public async Task AnUnacknowledgedAlertEscalatesOnceAWindowOnBothSidesUpToTheMaximumLevel()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await RaiseAsync(laoCai, gateways, "al-esc-1");

        // Not before the window has passed: at the due instant the alert is still on time.
        time.Advance(Window - TimeSpan.FromMinutes(1));
        Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));

        for (uint level = 1; level <= 3; level++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([("al-esc-1", level)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));

            // Once per window: sweeping again, now or just before the next window ends, resends nothing.
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            time.Advance(Window - TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));

            // The resend reached Yunnan: its fold shows the level, and it tells its supervisors.
            var atYunnan = await Polling.UntilAsync(() => yunnan.Coordinator.GetAsync("al-esc-1", CancellationToken.None),
                w => w.State is AlertState { EscalationLevel: var l } && l == level, Deadline, $"escalation level {level} folded at Yunnan");
            Assert.Equal(AlertStatus.Escalated, Assert.IsType<AlertState>(atYunnan.State).Status);
            Assert.Empty(await yunnan.Escalator.SweepOnceAsync(CancellationToken.None));
            await DeliveredAsync(gateways.LaoCai, "al-esc-1", (int)level + 1);
        }

        // Never beyond the maximum (3 by default), however long nobody answers; that is logged once.
        for (var i = 0; i < 3; i++)
        {
            time.Advance(Window + TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
        }

        var atLaoCai = Assert.IsType<AlertState>((await laoCai.Coordinator.GetAsync("al-esc-1", CancellationToken.None)).State);
        Assert.Equal(3u, atLaoCai.EscalationLevel);
        Assert.Null(atLaoCai.AcknowledgedAt);
        Assert.Single(laoCai.EscalatorLog.With(4103));

        // Both sides logged each level, with ids and levels only.
        Assert.Equal([1u, 2u, 3u], laoCai.EscalatorLog.With(4101).Select(v => (uint)v["EscalationLevel"]!));
        Assert.Equal([1u, 2u, 3u], yunnan.EscalatorLog.With(4102).Select(v => (uint)v["EscalationLevel"]!));
        Assert.All(laoCai.EscalatorLog.With(4101).Concat(yunnan.EscalatorLog.With(4102)), values =>
            Assert.Equal(["EscalationLevel", "PeerNode", "WorkflowId", "{OriginalFormat}"], values.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task AnAcknowledgedAlertIsNotEscalatedAndAnEscalatedOneStopsAtItsAcknowledgement()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await RaiseAsync(laoCai, gateways, "al-esc-2");
        await RaiseAsync(laoCai, gateways, "al-esc-3");

        // al-esc-2 is acknowledged within its window; al-esc-3 only after its first escalation.
        time.Advance(TimeSpan.FromMinutes(10));
        await AcknowledgeAsync(laoCai, yunnan, "al-esc-2");
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([("al-esc-3", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
        await Polling.UntilAsync(() => yunnan.Coordinator.GetAsync("al-esc-3", CancellationToken.None),
            w => w.State is AlertState { EscalationLevel: 1 }, Deadline, "the escalation folded at Yunnan");
        time.Advance(TimeSpan.FromMinutes(5));
        await AcknowledgeAsync(laoCai, yunnan, "al-esc-3");

        time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));

        var acknowledged = Assert.IsType<AlertState>((await laoCai.Coordinator.GetAsync("al-esc-3", CancellationToken.None)).State);
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(TimeSpan.FromMinutes(21), acknowledged.TimeToAcknowledge);
        Assert.Equal(0u, Assert.IsType<AlertState>((await laoCai.Coordinator.GetAsync("al-esc-2", CancellationToken.None)).State).EscalationLevel);
    }

    [Fact]
    public async Task ARepeatedEscalationAnswersFromTheStoreInsteadOfEscalatingTwice()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time);
        await RaiseAsync(laoCai, gateways, "al-esc-4");
        time.Advance(Window + TimeSpan.FromSeconds(1));

        // A second escalator (another instance, or the same after a restart) sweeps at the same time.
        var second = new WorkflowJobServices(gateways.LaoCai, time);
        var sweeps = await Task.WhenAll(laoCai.Escalator.SweepOnceAsync(CancellationToken.None), second.Escalator.SweepOnceAsync(CancellationToken.None));

        Assert.Single(sweeps.SelectMany(s => s));
        var outbound = await gateways.LaoCai.Store.ListByCorrelationAsync(MessageDirection.Outbound, "al-esc-4", null, 10);
        Assert.Single(outbound, m => m.MessageType == "alert.escalate");
        Assert.NotNull(await gateways.LaoCai.Store.GetByRequestIdAsync(AlertEscalator.RequestIdFor("al-esc-4", 1), CancellationToken.None));
    }

    [Fact]
    public async Task AnEscalationThatExpiredUndeliveredIsRetriedWithBackoffUntilOneGetsThroughAndNeverAfter()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var options = new WorkflowJobsOptions { EscalationRetries = 2, EscalationRetryDelay = TimeSpan.FromMinutes(1), AlertLookback = TimeSpan.FromDays(30) };
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time, options);
        var yunnan = new WorkflowJobServices(gateways.Yunnan, time);
        await RaiseAsync(laoCai, gateways, "al-retry-1");

        // The link to Yunnan is down: the escalation waits on Lao Cai's broker until its envelope expires.
        var shovel = await gateways.Link.SuspendShovelAsync(TestParties.LaoCai);
        await using (shovel)
        {
            time.Advance(Window + TimeSpan.FromSeconds(1));
            Assert.Equal([("al-retry-1", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, AlertEscalator.RequestIdFor("al-retry-1", 1, 0));

            // Not at once: a minute after the failure, then two minutes after the next.
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([("al-retry-1", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, AlertEscalator.RequestIdFor("al-retry-1", 1, 1));
            time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
            Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal([("al-retry-1", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            await shovel.RestoreAsync();
        }

        // The second retry gets through; Yunnan folds level 1 and Lao Cai sends it no more.
        var atYunnan = await Polling.UntilAsync(() => yunnan.Coordinator.GetAsync("al-retry-1", CancellationToken.None),
            w => w.State is AlertState { EscalationLevel: 1 }, Deadline, "the retried escalation folded at Yunnan");
        Assert.Equal(AlertStatus.Escalated, Assert.IsType<AlertState>(atYunnan.State).Status);

        // It tells Yunnan's supervisors why in their language too: Vietnamese, Chinese and English, tagged.
        var escalation = atYunnan.Steps.Last(s => s.Event.EventCase == Liaison.Workflow.V1.WorkflowEvent.EventOneofCase.AlertEscalation).Event.AlertEscalation;
        Assert.Equal(["vi", "zh-Hans", "en"], escalation.Texts.Select(t => t.Language));
        Assert.Contains("（第1级）", escalation.Texts[1].Text, StringComparison.Ordinal);
        Assert.Equal(("en", escalation.Texts[2].Text), (escalation.Reason.Language, escalation.Reason.Text));
        await Polling.UntilAsync(() => gateways.LaoCai.Store.GetByRequestIdAsync(AlertEscalator.RequestIdFor("al-retry-1", 1, 2), CancellationToken.None),
            m => m?.State == MessageState.Delivered, Deadline, "the second retry delivered");
        Assert.DoesNotContain(("al-retry-1", 1u), await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
        Assert.Null(await gateways.LaoCai.Store.GetByRequestIdAsync(AlertEscalator.RequestIdFor("al-retry-1", 1, 3), CancellationToken.None));

        // Each retry was logged with its attempt and what became of the one before; the first sending as an escalation.
        Assert.Equal([(1, "Expired"), (2, "Expired")], laoCai.EscalatorLog.With(4109).Select(v => ((int)v["Attempt"]!, (string)v["PreviousState"]!)));
        Assert.Single(laoCai.EscalatorLog.With(4101));
    }

    [Fact]
    public async Task RetriesOfALevelAreBoundedAndTheirEndIsLoggedOnce()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1, time);
        var options = new WorkflowJobsOptions { EscalationRetries = 1, EscalationRetryDelay = TimeSpan.FromMinutes(1), AlertLookback = TimeSpan.FromDays(30) };
        var laoCai = new WorkflowJobServices(gateways.LaoCai, time, options);
        await RaiseAsync(laoCai, gateways, "al-retry-2");

        var shovel = await gateways.Link.SuspendShovelAsync(TestParties.LaoCai);
        await using (shovel)
        {
            time.Advance(Window + TimeSpan.FromSeconds(1));
            Assert.Equal([("al-retry-2", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, AlertEscalator.RequestIdFor("al-retry-2", 1, 0));
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal([("al-retry-2", 1u)], await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            await ExpireAsync(gateways.LaoCai, AlertEscalator.RequestIdFor("al-retry-2", 1, 1));

            for (var i = 0; i < 3; i++)
            {
                time.Advance(TimeSpan.FromHours(1));
                Assert.Empty(await laoCai.Escalator.SweepOnceAsync(CancellationToken.None));
            }
        }

        Assert.Null(await gateways.LaoCai.Store.GetByRequestIdAsync(AlertEscalator.RequestIdFor("al-retry-2", 1, 2), CancellationToken.None));
        var exhausted = Assert.Single(laoCai.EscalatorLog.With(4110));
        Assert.Equal(1u, (uint)exhausted["EscalationLevel"]!);
    }

    [Fact]
    public void TheRetryDelayDoublesUpToItsCap()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var options = Options.Create(new WorkflowJobsOptions { EscalationRetryDelay = TimeSpan.FromMinutes(1), EscalationRetryMaxDelay = TimeSpan.FromMinutes(5) });
        var escalator = new AlertEscalator(services, time, options, new RecordingLogger<AlertEscalator>());

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(n => escalator.RetryDelay(n).TotalMinutes));
        Assert.NotEqual(AlertEscalator.RequestIdFor("al-x", 1, 0), AlertEscalator.RequestIdFor("al-x", 1, 1));
        Assert.Equal(AlertEscalator.RequestIdFor("al-x", 1), AlertEscalator.RequestIdFor("al-x", 1, 0));
    }

    [Fact]
    public void RetrySettingsOutsideTheirBoundsAreRefusedInSentences()
    {
        var result = new WorkflowJobsOptionsValidator().Validate(null, new WorkflowJobsOptions
        {
            EscalationRetryDelay = TimeSpan.Zero,
            EscalationRetryMaxDelay = TimeSpan.FromDays(2),
            EscalationRetries = 21,
        });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:EscalationRetryDelay must be positive", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:EscalationRetryMaxDelay must be", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Workflows:EscalationRetries must be between 0 and 20", StringComparison.Ordinal));
    }

    /// <summary>Moves the clock past the attempt's envelope expiry and expires it, as the gateway's expiry sweeper does.</summary>
    private async Task ExpireAsync(GatewayCore core, string requestId)
    {
        var attempt = await core.Store.GetByRequestIdAsync(requestId, CancellationToken.None);
        Assert.NotNull(attempt);
        Assert.Equal(MessageState.Published, (await Polling.UntilAsync(() => core.Store.GetByRequestIdAsync(requestId, CancellationToken.None),
            m => m!.State == MessageState.Published, Deadline, $"{requestId} published"))!.State);
        time.SetUtcNow(attempt.ExpiresAt + TimeSpan.FromSeconds(1));
        await core.Store.ExpireAsync(time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(MessageState.Expired, (await core.Store.GetByRequestIdAsync(requestId, CancellationToken.None))!.State);
    }

    private static async Task RaiseAsync(WorkflowJobServices laoCai, LinkedGateways gateways, string id)
    {
        await laoCai.Coordinator.SubmitStepAsync("req-" + id, TestParties.Yunnan, AlertEvents.Raise(15, id), CancellationToken.None);
        await DeliveredAsync(gateways.LaoCai, id, 1);
    }

    private static async Task AcknowledgeAsync(WorkflowJobServices laoCai, WorkflowJobServices yunnan, string id)
    {
        await Polling.UntilAsync(() => yunnan.Coordinator.GetAsync(id, CancellationToken.None), w => w.State is AlertState, Deadline, "the alert folded at Yunnan");
        await yunnan.Coordinator.SubmitStepAsync("req-ack-" + id, TestParties.LaoCai, AlertEvents.Acknowledge("cn-duty-4", id), CancellationToken.None);
        await Polling.UntilAsync(() => laoCai.Coordinator.GetAsync(id, CancellationToken.None),
            w => w.State is AlertState { Status: AlertStatus.Acknowledged }, Deadline, "the acknowledgement folded at Lao Cai");
    }

    /// <summary>Waits until Lao Cai's first <paramref name="count"/> steps of the workflow are delivered, so that moving the clock cannot expire them.</summary>
    private static async Task DeliveredAsync(GatewayCore core, string id, int count) =>
        await Polling.UntilAsync(
            async () => await core.Store.ListByCorrelationAsync(MessageDirection.Outbound, id, null, 20),
            m => m.Count == count && m.All(x => x.State == MessageState.Delivered),
            Deadline,
            $"{count} outbound steps of {id} delivered");
}
