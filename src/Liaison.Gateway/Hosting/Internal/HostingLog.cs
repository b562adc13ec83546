using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>Start-up log lines: ids, versions and addresses only.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Node {NodeId} loaded under agreement {AgreementId} version {Version}")]
    public static partial void NodeLoaded(ILogger logger, string nodeId, string agreementId, uint version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Serving gRPC over HTTP/2 with TLS on {Address}:{Port}")]
    public static partial void ServingTls(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Serving gRPC over PLAINTEXT HTTP/2 on {Address}:{Port} because Gateway:AllowPlaintextForDevelopment is true: never do this outside development. Plaintext carries no client certificates, so every RPC but the health check is refused UNAUTHENTICATED")]
    public static partial void ServingPlaintext(ILogger logger, string address, int port);
}
