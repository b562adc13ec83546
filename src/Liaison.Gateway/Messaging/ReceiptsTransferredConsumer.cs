using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>Receives a frame of receipts: each as <see cref="ReceiptTransferredConsumer"/> would, all at once.</summary>
public sealed class ReceiptsTransferredConsumer(ReceiptIntake intake) : IConsumer<ReceiptsTransferred>
{
    public Task Consume(ConsumeContext<ReceiptsTransferred> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        return FrameIntake.ReceiveAllAsync<ReceiptRejectedException>(
            context.Message.Receipts,
            receipt => intake.ReceiveAsync(receipt, cancellationToken),
            (first, detail) => new ReceiptRejectedException(first.Reason, detail));
    }
}
