using MassTransit;

namespace Liaison.Gateway.Messaging;

/// <summary>How every message leaves a gateway: persistent, and on RabbitMQ mandatory (see <see cref="GatewayQueues"/>).</summary>
internal static class PersistentSend
{
    public static void Prepare(SendContext context, Guid envelopeId)
    {
        context.Durable = true;
        context.CorrelationId = envelopeId;
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
        {
            rabbit.Mandatory = true;
        }
    }
}
