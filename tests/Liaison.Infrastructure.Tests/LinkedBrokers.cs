namespace Liaison.Infrastructure.Tests;

/// <summary>
/// Tests that fill and drain the shovelled queues run one at a time. (Across test projects,
/// <see cref="Liaison.Testing.BrokerLink.LockAsync"/> keeps them apart.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LinkedBrokers
{
    public const string Name = "Linked RabbitMQ brokers";
}
