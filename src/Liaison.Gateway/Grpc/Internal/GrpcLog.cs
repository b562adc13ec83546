using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>The API's log lines: ids, codes and states only, never payloads or personal data.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Accepted message {EnvelopeId} for {PeerNode} (replay of an earlier request: {IsReplay})")]
    public static partial void Submitted(ILogger logger, Guid envelopeId, string peerNode, bool isReplay);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{Method} refused with {StatusCode}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, global::Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    public static partial void Failed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "An inbox stream opened")]
    public static partial void StreamOpened(ILogger logger);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "An inbox stream closed")]
    public static partial void StreamClosed(ILogger logger);
}
