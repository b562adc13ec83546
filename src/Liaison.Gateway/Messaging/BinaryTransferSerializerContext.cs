using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Serialization;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// One message decoded by <see cref="BinaryTransferSerializer"/>: the contract object itself, with
/// MassTransit's fields read from the transport headers. Only that type (or its bases) is offered.
/// </summary>
internal sealed class BinaryTransferSerializerContext(MessageContext context, object message, BinaryTransferSerializer serializer)
    : BaseSerializerContext(SystemTextJsonMessageSerializer.Instance, context, [MessageUrn.ForTypeString(message.GetType())])
{
    public override bool IsSupportedMessageType<T>() => message is T;

    public override bool IsSupportedMessageType(Type messageType) => messageType?.IsInstanceOfType(message) == true;

    public override bool TryGetMessage<T>(out T? found)
        where T : class
    {
        found = message as T;
        return found is not null;
    }

    public override bool TryGetMessage(Type messageType, [NotNullWhen(true)] out object? found)
    {
        found = messageType?.IsInstanceOfType(message) == true ? message : null;
        return found is not null;
    }

    public override IMessageSerializer GetMessageSerializer() => serializer;

    public override IMessageSerializer GetMessageSerializer<T>(MessageEnvelope envelope, T found) => serializer;

    public override IMessageSerializer GetMessageSerializer(object found, string[] messageTypes) => serializer;

    public override Dictionary<string, object> ToDictionary<T>(T? found)
        where T : class =>
        // What MassTransit asks of a serializer context for sagas and job consumers, which the gateway has none of.
        throw new NotSupportedException("A transfer between gateways holds envelope or receipt bytes, not properties.");
}
