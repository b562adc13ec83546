namespace Liaison.Gateway.Tests;

/// <summary>The store contract on SQLite, one temporary directory per test.</summary>
public sealed class SqliteGatewayStoreTests(SqliteBackend backend) : GatewayStoreContract(backend), IClassFixture<SqliteBackend>;
