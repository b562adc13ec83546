using Liaison.Testing;

namespace Liaison.Cli.Tests;

/// <summary>
/// <c>liaison demo --broker A --broker-b B</c>: the same walk-through, but each gateway on its own
/// real RabbitMQ broker, the two linked by the shovels of deploy/rabbitmq/ (the brokers the
/// tests use, from scripts/services.sh). Holds <see cref="BrokerLink.LockAsync"/> and purges
/// the shovelled queues first, as the other broker tests do: another test's gateway consuming
/// the same queues would take the demo's envelopes.
/// </summary>
public sealed class DemoBrokerTests
{
    [Fact]
    public async Task OverRealLinkedBrokersTheWalkThroughReachesTheVerifiedReceiptAndEveryWorkflowStep()
    {
        await using var exclusive = await BrokerLink.LockAsync(TimeSpan.FromMinutes(5));
        var link = await RabbitMqServers.LinkAsync();
        await LiaisonTopology.PurgeAsync(link);
        using var workspace = new Workspace();
        var data = workspace.PathOf("demo");

        var result = workspace.Run("demo", "--broker", link.LaoCai.Uri.OriginalString, "--broker-b", link.Yunnan.Uri.OriginalString, "--exit", "--data-dir", data);

        result.AssertSuccess();
        Assert.Matches(@"(?m)^ *Messaging: +RabbitMQ: amqp://127\.0\.0\.1:\d+/liaison \(Lao Cai\) and amqp://127\.0\.0\.1:\d+/liaison \(Yunnan\), linked by their shovels$", result.Out);
        // The broker URIs carry the password: it is never printed.
        Assert.DoesNotContain(link.LaoCai.Uri.UserInfo, result.Out + result.Error, StringComparison.Ordinal);

        // The verification request's envelope: delivered over the brokers with a verified receipt.
        result.AssertField("Message state", "MESSAGE_STATE_DELIVERED");
        result.AssertField("Receipt", "signature verified by vn-laocai: MESSAGE_STATE_DELIVERED");
        Assert.Contains("identical to what Lao Cai sent: True", result.Out, StringComparison.Ordinal);

        // Every step of every workflow, in order, each seen at both gateways.
        foreach (var state in new[] { "Proposed", "Agreed" })
        {
            result.AssertField("State", $"vn-laocai {state}; cn-yunnan {state}");
        }

        foreach (var state in new[] { "Proposed", "Accepted", "Confirmed", "RollCalled", "Signing", "Completed" })
        {
            // "Roll-called (RollCalled)": the state's label, then its name when they differ.
            var shown = $@"(?:{state}|[^;()]+ \({state}\))";
            Assert.Matches($@"(?m)^ *State: +vn-laocai {shown}; cn-yunnan {shown}$", result.Out);
        }

        Assert.Matches(@"(?m)^ *Record digest: +SHA-256 [0-9a-f]{64}, signed by cn-yunnan and vn-laocai$", result.Out);
        Assert.Matches(@"(?m)^ *Acknowledged at: +\d{4}-\d{2}-\d{2}T\S+Z, .* overdue: no$", result.Out);
        result.AssertField("Report", "vn-laocai: 1 sent; cn-yunnan: 1 received; handovers completed 1/1; alerts 1/1 (Lao Cai/Yunnan)");
        DemoTests.AssertEveryWorkflowFinished(result);
        Assert.EndsWith("Both gateways stopped." + Environment.NewLine, result.Out, StringComparison.Ordinal);
    }
}
