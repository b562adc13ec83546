using Liaison.Testing;

namespace Liaison.Infrastructure.Tests;

/// <summary>
/// The fixtures fail loudly and say how to provide services: a bogus or unreachable address
/// is never skipped past, and passwords never reach the message.
/// </summary>
public sealed class ServiceResolutionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static Task<T> NotTried<T>(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Testcontainers must not be tried when the variable is set");

    [Fact]
    public async Task An_unreachable_broker_fails_with_its_URI_password_masked_and_how_to_provide_one()
    {
        var environment = Environment((RabbitMqServers.BrokerAVariable, "amqp://liaison:hunter2-not-shown@127.0.0.1:1/liaison"));

        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => RabbitMqServers.ResolveAsync(
            RabbitMqServers.BrokerAVariable, RabbitMqServers.CtlAVariable, environment, NotTried<RabbitMqBroker>, TimeSpan.FromSeconds(1)));

        Assert.Contains("LIAISON_TEST_RABBITMQ is set to amqp://liaison:***@127.0.0.1:1/liaison", e.Message);
        Assert.Contains("no RabbitMQ broker answers there", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Contains("./scripts/services.sh", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Fact]
    public async Task A_variable_that_is_not_an_AMQP_URI_fails_with_the_expected_form()
    {
        var environment = Environment((RabbitMqServers.BrokerBVariable, "localhost:5673"));

        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => RabbitMqServers.ResolveAsync(
            RabbitMqServers.BrokerBVariable, RabbitMqServers.CtlBVariable, environment, NotTried<RabbitMqBroker>));

        Assert.Contains("LIAISON_TEST_RABBITMQ_B", e.Message);
        Assert.Contains("not an AMQP URI", e.Message);
        Assert.Contains("amqp://user:password@host:port/vhost", e.Message);
    }

    [Fact]
    public async Task Without_a_variable_and_without_Docker_the_broker_fails_with_how_to_provide_one()
    {
        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => RabbitMqServers.ResolveAsync(
            RabbitMqServers.BrokerAVariable, RabbitMqServers.CtlAVariable, Environment(),
            _ => throw new InvalidOperationException("Docker is either not running or misconfigured")));

        Assert.Contains("LIAISON_TEST_RABBITMQ is not set", e.Message);
        Assert.Contains($"Testcontainers could not start {RabbitMqServers.ContainerImage}", e.Message);
        Assert.Contains("Docker is either not running", e.Message);
        Assert.Contains(TestServiceUnavailableException.HowToProvide, e.Message);
    }

    [Fact]
    public async Task The_link_tests_name_the_missing_variables()
    {
        var environment = Environment((RabbitMqServers.BrokerAVariable, "amqp://liaison:x@127.0.0.1:1/liaison"));

        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => RabbitMqServers.ResolveLinkAsync(environment));

        Assert.Contains("not set: LIAISON_TEST_RABBITMQ_B, LIAISON_TEST_RABBITMQCTL_A, LIAISON_TEST_RABBITMQCTL_B", e.Message);
        Assert.Contains("Testcontainers cannot set up the shovel link", e.Message);
        Assert.Contains("./scripts/services.sh", e.Message);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_fails_with_its_connection_string_password_masked()
    {
        var environment = Environment((PostgresServer.Variable, "Host=127.0.0.1;Port=1;Username=postgres;Password=hunter2-not-shown;Database=x"));

        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => PostgresServer.ResolveAsync(environment, NotTried<string>));

        Assert.Contains("LIAISON_TEST_POSTGRES is set to \"Host=127.0.0.1;Port=1;Username=postgres;Password=***;Database=x\"", e.Message);
        Assert.Contains("no PostgreSQL server answers there", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Contains("./scripts/services.sh", e.Message);
    }

    [Fact]
    public async Task A_PostgreSQL_variable_that_is_not_a_connection_string_fails_clearly()
    {
        var environment = Environment((PostgresServer.Variable, "postgres://u:hunter2-not-shown@h/db"));

        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => PostgresServer.ResolveAsync(environment, NotTried<string>));

        Assert.Contains("not an Npgsql connection string", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public async Task Without_a_variable_and_without_Docker_PostgreSQL_fails_with_how_to_provide_one()
    {
        var e = await Assert.ThrowsAsync<TestServiceUnavailableException>(() => PostgresServer.ResolveAsync(
            Environment(), _ => throw new InvalidOperationException("Docker is either not running or misconfigured")));

        Assert.Contains("LIAISON_TEST_POSTGRES is not set", e.Message);
        Assert.Contains($"Testcontainers could not start {PostgresServer.ContainerImage}", e.Message);
        Assert.Contains(TestServiceUnavailableException.HowToProvide, e.Message);
    }

    [Theory]
    [InlineData("amqp://liaison:liaison-dev@127.0.0.1:5672/liaison", "amqp://liaison:***@127.0.0.1:5672/liaison")]
    [InlineData("amqps://a:p%40ss@host/v", "amqps://a:***@host/v")]
    [InlineData("amqp://127.0.0.1:5672/liaison", "amqp://127.0.0.1:5672/liaison")]
    [InlineData("connecting to amqp://u:secret@h:1/v failed", "connecting to amqp://u:***@h:1/v failed")]
    public void Passwords_in_AMQP_URIs_are_masked(string uri, string shown) =>
        Assert.Equal(shown, Redact.AmqpUri(uri));

    [Fact]
    public void Passwords_in_connection_strings_are_masked() =>
        Assert.Equal("Host=h;Password=***;PWD=***", Redact.ConnectionString("Host=h;Password=a b;PWD=c"));
}
