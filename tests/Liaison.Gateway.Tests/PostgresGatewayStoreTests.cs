namespace Liaison.Gateway.Tests;

/// <summary>The store contract on a real PostgreSQL server (see <see cref="PostgresBackend"/>), one schema per test.</summary>
public sealed class PostgresGatewayStoreTests(PostgresBackend backend) : GatewayStoreContract(backend), IClassFixture<PostgresBackend>;
