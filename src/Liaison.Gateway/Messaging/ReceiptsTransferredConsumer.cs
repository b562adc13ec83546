using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>Receives a frame of receipts: each as <see cref="ReceiptTransferredConsumer"/> would, all at once.</summary>
public sealed class ReceiptsTransferredConsumer(ReceiptIntake intake) : IConsumer<ReceiptsTransferred>
{
    public Task Consume(ConsumeContext<ReceiptsTransferred> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return intake.ReceiveAllAsync(context.Message.Receipts, context.CancellationToken);
    }
}
