using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>Receives one envelope from the partner: see <see cref="EnvelopeIntake"/>.</summary>
public sealed class EnvelopeTransferredConsumer(EnvelopeIntake intake) : IConsumer<EnvelopeTransferred>
{
    public Task Consume(ConsumeContext<EnvelopeTransferred> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return intake.ReceiveAsync(context.Message.Envelope ?? [], context.CancellationToken);
    }
}
