using Liaison.Gateway.Messaging;
using Liaison.Testing;
using Xunit.Abstractions;
using ApiState = Liaison.Gateway.V1.MessageState;

namespace Liaison.Gateway.FaultTests;

/// <summary>
/// Faults in the middle of a stream of submits, with real gateway processes and real brokers.
/// Each test ends with every accepted message delivered on Lao Cai with a verified receipt,
/// stored exactly once on Yunnan, and both audit chains intact (<see cref="FaultExchange.StopAndVerifyAsync"/>).
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int StreamLength = 300;
    private const int FaultAfter = 100;
    private const int ResumeAfter = 150;

    /// <summary>How many submits the broker-restart test makes while the broker is down.</summary>
    private const int DuringOutage = 50;

    [Fact]
    public async Task KillingTheSendingGatewayMidStreamLosesAndDuplicatesNothing()
    {
        await using var exchange = await FaultExchange.StartAsync("kill-sender", output);
        var submitting = exchange.SubmitAsync(0, StreamLength);
        await exchange.AcceptedAtLeastAsync(FaultAfter);
        await exchange.LaoCai.KillAsync();
        exchange.Note($"Lao Cai killed (SIGKILL) after {exchange.AcceptedCount} accepted");
        await exchange.LaoCai.StartAsync();
        exchange.Note("Lao Cai restarted on the same data directory");
        await submitting;

        await exchange.AllInStateAsync(ApiState.Delivered);
        await exchange.StopAndVerifyAsync(StreamLength);
    }

    [Fact]
    public async Task KillingTheReceivingGatewayMidStreamLosesAndDuplicatesNothing()
    {
        await using var exchange = await FaultExchange.StartAsync("kill-receiver", output);
        var submitting = exchange.SubmitAsync(0, StreamLength);
        await exchange.AcceptedAtLeastAsync(FaultAfter);
        await exchange.Yunnan.KillAsync();
        exchange.Note($"Yunnan killed (SIGKILL) after {exchange.AcceptedCount} accepted");
        await exchange.AcceptedAtLeastAsync(ResumeAfter);
        await exchange.Yunnan.StartAsync();
        exchange.Note($"Yunnan restarted on the same data directory after {exchange.AcceptedCount} accepted");
        await submitting;

        await exchange.AllInStateAsync(ApiState.Delivered);
        await exchange.StopAndVerifyAsync(StreamLength);
    }

    [Theory]
    [InlineData(FaultParties.LaoCai)]
    [InlineData(FaultParties.Yunnan)]
    public async Task RestartingABrokerMidStreamLosesAndDuplicatesNothing(string side)
    {
        await using var exchange = await FaultExchange.StartAsync("broker-restart-" + side, output);
        var ctl = exchange.Link.CtlOf(side);
        var submitting = exchange.SubmitAsync(0, StreamLength);
        await exchange.AcceptedAtLeastAsync(FaultAfter);
        try
        {
            await ctl.RunAsync(["stop_app"]);
            exchange.Note($"{side}'s broker {ctl.Node} stopped (stop_app) after {exchange.AcceptedCount} accepted");

            // rabbitmqctl takes a second or two, and the stream may be over by then: these
            // submits are sure to fall inside the outage. They need no broker: they go into the outbox.
            await exchange.SubmitAsync(StreamLength, StreamLength + DuringOutage);
        }
        finally
        {
            await ctl.RunAsync(["start_app"]);

            // Both shovels touch this broker; leave the link running for whoever comes next.
            await exchange.WaitForShovelsAsync();
        }

        exchange.Note($"{side}'s broker started again (start_app) after {exchange.AcceptedCount} accepted; shovels running");
        await submitting;

        await exchange.AllInStateAsync(ApiState.Delivered);

        // The operator's record of the outage: that side's gateway says it stopped consuming, and
        // when it resumed. Polled: the messages may all be delivered before that side's inbound
        // endpoint is back (Lao Cai's receipts can arrive before it, Yunnan's envelopes can all
        // have arrived before the stop), and MassTransit retries the endpoint with a backoff.
        var restarted = side == FaultParties.LaoCai ? exchange.LaoCai : exchange.Yunnan;
        var resumed = await exchange.UntilInboundEventAsync(restarted, 2212, $"{side}'s log to say that it consumed its inbound queue again");
        exchange.Note($"{side}: {string.Join("; ", resumed)}");

        // The connection it came back on asks for the gateway's heartbeat (Messaging:Heartbeat), not the client's 60 s.
        var connections = await exchange.Link.CtlOf(side).RunAsync(["list_connections", "timeout", "client_properties"]);
        var gateway = connections.Split('\n').Where(line => line.Contains("\"connection_name\",\"Liaison.Gateway\"", StringComparison.Ordinal)).ToList();
        Assert.True(gateway.Count == 1 && gateway[0].StartsWith("10\t", StringComparison.Ordinal), $"{side}'s broker does not show one gateway connection with a 10 s heartbeat:\n{connections}");
        await exchange.StopAndVerifyAsync(StreamLength + DuringOutage);
    }

    [Fact]
    public async Task MessagesWaitOnTheSendersBrokerWhileTheLinkIsDownThenArriveExactlyOnce()
    {
        const int count = 100;
        await using var exchange = await FaultExchange.StartAsync("link-down", output);
        var outbound = LiaisonTopology.OutboundQueue(FaultParties.Yunnan);
        var suspension = await exchange.Link.SuspendShovelAsync(FaultParties.LaoCai);
        await using (suspension)
        {
            exchange.Note($"shovel {suspension.Name} stopped");
            await exchange.SubmitAsync(0, count);

            // Published means broker A confirmed them; they wait there, in the outbound queue, in
            // frames of several envelopes (OutboxFrames), so the queue holds fewer broker messages.
            await exchange.AllInStateAsync(ApiState.Published);
            var depth = await Polling.UntilAsync(
                () => exchange.Link.MessageCountAsync(FaultParties.LaoCai, outbound),
                depth => depth >= (uint)((count + OutboxFrames.MaxItems - 1) / OutboxFrames.MaxItems) && depth <= count,
                FaultExchange.Deadline,
                $"the {count} messages waiting in {outbound} on broker A, in frames");
            Assert.Equal(0, await exchange.YunnanInboxCountAsync());
            exchange.Note($"{count} messages wait in {outbound} on broker A, as {depth} broker messages; Yunnan has none");

            await suspension.RestoreAsync();
            exchange.Note($"shovel {suspension.Name} restored");
        }

        await exchange.AllInStateAsync(ApiState.Delivered);
        // Polled: a cross-witnessing message of the gateways' own may be passing through.
        await Polling.UntilAsync(
            () => exchange.Link.MessageCountAsync(FaultParties.LaoCai, outbound),
            depth => depth == 0,
            FaultExchange.Deadline,
            $"{outbound} on broker A drained");
        await exchange.StopAndVerifyAsync(count);
    }
}

/// <summary>The fault tests run one at a time: they share the brokers, and each holds the link's lock.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultTestGroup
{
    public const string Name = "Gateway processes on linked RabbitMQ brokers, with faults";
}
