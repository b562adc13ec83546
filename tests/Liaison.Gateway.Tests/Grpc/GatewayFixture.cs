namespace Liaison.Gateway.Tests.Grpc;

/// <summary>One gateway on its own files, shared by the tests of a class.</summary>
public sealed class GatewayFixture : IDisposable
{
    public GatewayFixture()
    {
        Files = new NodeDirectory();
        Gateway = new GatewayFactory(Files.Settings());
    }

    public NodeDirectory Files { get; }

    public GatewayFactory Gateway { get; }

    public void Dispose()
    {
        Gateway.Dispose();
        Files.Dispose();
    }
}
