using System.Reflection;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// Regression (found by Liaison.Gateway.FaultTests, restarting Yunnan's broker mid-stream): a
/// broker that stops with publishes in flight may never confirm them, and the dispatcher then
/// waited for ever, sending no receipts and blocking the bus's reconnect. A publish is now bounded
/// by Messaging:PublishTimeout and counts as failed (to be published again) when it runs out.
/// </summary>
public sealed class OutboxPublisherTests
{
    [Fact]
    public async Task APublishTheBrokerNeverConfirmsFailsAfterThePublishTimeoutInsteadOfHanging()
    {
        var bus = DispatchProxy.Create<IBus, NeverConfirmingBus>();
        var publisher = new OutboxPublisher(bus, Options.Create(new MessagingOptions
        {
            BrokerUri = new Uri("amqp://liaison:secret@127.0.0.1:5672/liaison"),
            PublishTimeout = TimeSpan.FromMilliseconds(200),
        }));
        var item = new OutboxItem(7, Guid.CreateVersion7(), TestParties.Yunnan, OutboxKind.Receipt, new byte[] { 1, 2, 3 }, 1);

        var outcomes = await publisher.PublishAllAsync([item], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var outcome = Assert.Single(outcomes);
        Assert.False(outcome.Confirmed);
        Assert.IsType<TimeoutException>(outcome.Failure);
        Assert.Equal("publish-timeout", outcome.ErrorCode);
    }

    /// <summary>A bus whose send endpoints accept every send and never complete it.</summary>
    public class NeverConfirmingBus : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(ISendEndpointProvider.GetSendEndpoint) => Task.FromResult(DispatchProxy.Create<ISendEndpoint, NeverConfirmingEndpoint>()),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }

    /// <summary>Every Send returns a task that never completes, as for a confirm that never comes.</summary>
    public class NeverConfirmingEndpoint : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.ReturnType == typeof(Task) ? new TaskCompletionSource().Task : throw new NotSupportedException(targetMethod?.Name);
    }
}
