using Npgsql;
using Testcontainers.PostgreSql;

namespace Liaison.Testing;

/// <summary>
/// The PostgreSQL server the tests run against.
/// <list type="number">
/// <item>If <c>LIAISON_TEST_POSTGRES</c> is set (an Npgsql connection string of a user that may create
/// databases), it is used; it must answer, or the tests fail with it (password masked).</item>
/// <item>Otherwise Testcontainers starts <see cref="ContainerImage"/>.</item>
/// <item>Otherwise the tests fail with a message that says how to provide one; they never skip.</item>
/// </list>
/// Tests do not share a database: each test class gets its own from <see cref="CreateDatabaseAsync"/>
/// (or <see cref="PostgresDatabaseFixture"/>), dropped afterwards.
/// </summary>
public static class PostgresServer
{
    /// <summary>The connection string variable.</summary>
    public const string Variable = "LIAISON_TEST_POSTGRES";

    /// <summary>The pinned image Testcontainers starts when no server is given.</summary>
    public const string ContainerImage = "postgres:15.8";

    private static readonly Lazy<Task<string>> Server =
        new(() => ResolveAsync(Environment.GetEnvironmentVariable, StartContainerAsync));

    private static readonly List<PostgreSqlContainer> Containers = [];

    /// <summary>The server's connection string (to its maintenance database), resolved once per test process.</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    /// <summary>
    /// Resolves the server from <see cref="Variable"/> in <paramref name="environment"/>, checking that it
    /// answers; without it, from <paramref name="startContainer"/>; failing that, throws
    /// <see cref="TestServiceUnavailableException"/> saying how to provide one.
    /// </summary>
    public static async Task<string> ResolveAsync(
        Func<string, string?> environment,
        Func<CancellationToken, Task<string>>? startContainer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var value = environment(Variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(value);
            }
            catch (ArgumentException e)
            {
                throw new TestServiceUnavailableException(
                    $"{Variable} is set to \"{Redact.ConnectionString(value)}\", which is not an Npgsql connection string "
                    + $"({e.Message}).\n{TestServiceUnavailableException.HowToProvide}",
                    e);
            }

            if (!value.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                builder.Timeout = 10;
            }

            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new TestServiceUnavailableException(
                    $"{Variable} is set to \"{Redact.ConnectionString(value)}\", but no PostgreSQL server answers there: "
                    + $"{RabbitMqServers.Describe(e)}\n"
                    + "If it is scripts/services.sh's cluster, run ./scripts/services.sh again (it restarts what is down).\n"
                    + TestServiceUnavailableException.HowToProvide,
                    e);
            }

            return builder.ConnectionString;
        }

        if (startContainer is null)
        {
            throw new TestServiceUnavailableException(
                $"No PostgreSQL server: {Variable} is not set.\n{TestServiceUnavailableException.HowToProvide}");
        }

        try
        {
            return await startContainer(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TestServiceUnavailableException(
                $"No PostgreSQL server: {Variable} is not set, and Testcontainers could not start {ContainerImage}: "
                + $"{RabbitMqServers.Describe(e)}\n{TestServiceUnavailableException.HowToProvide}",
                e);
        }
    }

    /// <summary>
    /// Creates a fresh, uniquely named database on the server; dispose it to drop it.
    /// <paramref name="label"/> (e.g. the test class) goes into the name, to tell databases apart.
    /// </summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync(string label, CancellationToken cancellationToken = default)
    {
        var server = await ConnectionStringAsync();
        return await PostgresDatabase.CreateAsync(server, label, cancellationToken);
    }

    private static async Task<string> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(ContainerImage).Build();
        lock (Containers)
        {
            Containers.Add(container);
        }

        await container.StartAsync(cancellationToken);
        return container.GetConnectionString();
    }
}
