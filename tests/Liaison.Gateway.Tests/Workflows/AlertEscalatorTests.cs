using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Testing;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Tests.Support;
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
