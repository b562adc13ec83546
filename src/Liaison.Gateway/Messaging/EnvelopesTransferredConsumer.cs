using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>Receives a frame of envelopes from the partner: each as <see cref="EnvelopeTransferredConsumer"/> would, all at once.</summary>
public sealed class EnvelopesTransferredConsumer(EnvelopeIntake intake) : IConsumer<EnvelopesTransferred>
{
    public Task Consume(ConsumeContext<EnvelopesTransferred> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        return FrameIntake.ReceiveAllAsync<EnvelopeRejectedException>(
            context.Message.Envelopes,
            envelope => intake.ReceiveAsync(envelope, cancellationToken),
            (first, detail) => new EnvelopeRejectedException(first.Reason, detail));
    }
}
