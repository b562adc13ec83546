namespace Liaison.Gateway.Messaging;

/// <summary>
/// The broker names of deploy/rabbitmq/ and how this gateway addresses them.
/// <para>
/// Sending to <c>queue:liaison.outbound.PEER</c> would make MassTransit 8.5 declare that
/// queue without arguments, which RabbitMQ refuses for the existing quorum queue
/// (PRECONDITION_FAILED, inequivalent arg 'x-queue-type'); its send addresses have no
/// option for queue arguments. So on RabbitMQ the gateway sends to the durable fanout
/// exchange of the same name, which the definitions bind to the quorum queue, and
/// publishes mandatory: were the binding missing, the broker returns the message and the
/// send fails, instead of confirming a message it dropped.
/// The in-memory transport has no such declarations to clash with, and its queues hold
/// messages until a consumer connects, so there it sends to the queue itself.
/// </para>
/// </summary>
public static class GatewayQueues
{
    /// <summary>The quorum queue a gateway consumes: what the partner's shovel delivers.</summary>
    public const string Inbound = "liaison.inbound";

    /// <summary>The local queue (and, on RabbitMQ, exchange) for messages to <paramref name="peerNode"/>.</summary>
    public static string Outbound(string peerNode) => "liaison.outbound." + peerNode;

    /// <summary>Where this gateway sends messages for <paramref name="peerNode"/>.</summary>
    public static Uri OutboundAddress(string peerNode, bool inMemory) =>
        new((inMemory ? "queue:" : "exchange:") + Outbound(peerNode));
}
