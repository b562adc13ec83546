namespace Liaison.Testing;

/// <summary>
/// A real service the tests need (a RabbitMQ broker, PostgreSQL) could not be had.
/// The message says which one, what was tried and how to provide it. Tests fail
/// with it; they are never skipped.
/// </summary>
public sealed class TestServiceUnavailableException : Exception
{
    public TestServiceUnavailableException()
    {
    }

    public TestServiceUnavailableException(string message)
        : base(message)
    {
    }

    public TestServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>How to provide the services, appended to every message.</summary>
    public static string HowToProvide =>
        "Provide the test services in one of these ways:\n"
        + "  1. run ./scripts/services.sh as root (it installs and starts two RabbitMQ nodes and a PostgreSQL\n"
        + "     cluster on loopback and writes " + DefaultEnvFile + "), then `. " + DefaultEnvFile + "`;\n"
        + "     ./scripts/test.sh does both;\n"
        + "  2. or set LIAISON_TEST_RABBITMQ and LIAISON_TEST_RABBITMQ_B (amqp://user:password@host:port/vhost, the\n"
        + "     Lao Cai and Yunnan brokers, linked by shovels as in deploy/rabbitmq/) and LIAISON_TEST_POSTGRES\n"
        + "     (an Npgsql connection string of a user that may create databases) to services of your own;\n"
        + "  3. or run a Docker engine, so that Testcontainers can start single brokers and PostgreSQL\n"
        + "     (the two-broker link tests still need option 1 or 2).";

    /// <summary>Where scripts/services.sh writes its environment by default.</summary>
    public const string DefaultEnvFile = "/var/tmp/liaison-services/env.sh";
}
