namespace Liaison.Gateway.Tests.Messaging;

/// <summary>Tests that use the shovelled queues run one at a time (across projects, <see cref="Liaison.Testing.BrokerLink.LockAsync"/> keeps them apart).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LinkedBrokerTests
{
    public const string Name = "Gateways on linked RabbitMQ brokers";
}
