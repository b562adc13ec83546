using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>Receives one receipt for an envelope this node sent: see <see cref="ReceiptIntake"/>.</summary>
public sealed class ReceiptTransferredConsumer(ReceiptIntake intake) : IConsumer<ReceiptTransferred>
{
    public Task Consume(ConsumeContext<ReceiptTransferred> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return intake.ReceiveAsync(context.Message.Receipt ?? [], context.CancellationToken);
    }
}
