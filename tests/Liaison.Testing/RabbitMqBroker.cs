using RabbitMQ.Client;

namespace Liaison.Testing;

/// <summary>One real RabbitMQ broker for the tests, resolved by <see cref="RabbitMqServers"/>.</summary>
public sealed class RabbitMqBroker
{
    public RabbitMqBroker(Uri uri, string source, string? ctlNode)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Uri = uri;
        Source = source;
        CtlNode = ctlNode;
    }

    /// <summary>The AMQP URI, with credentials and virtual host.</summary>
    public Uri Uri { get; }

    /// <summary>Where it came from: the environment variable, or the Testcontainers image.</summary>
    public string Source { get; }

    /// <summary>The node name for <c>rabbitmqctl -n</c>, where the broker is local (scripts/services.sh); null for a container.</summary>
    public string? CtlNode { get; }

    /// <summary>The URI with its password masked, for messages.</summary>
    public string DisplayUri => Redact.AmqpUri(Uri.OriginalString);

    /// <summary>A connection factory for this broker: no automatic recovery, short timeouts.</summary>
    public ConnectionFactory CreateConnectionFactory() => new()
    {
        Uri = Uri,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        ContinuationTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Opens a connection, named <paramref name="clientName"/> in the broker's connection list.</summary>
    public Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default) =>
        CreateConnectionFactory().CreateConnectionAsync(clientName, cancellationToken);

    public override string ToString() => $"{DisplayUri} (from {Source})";
}
