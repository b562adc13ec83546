using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Security.Internal;

/// <summary>Authentication and authorisation log lines: subject ids, roles, serial numbers and methods; never a key.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "No client CA is configured (Gateway:Tls:ClientCaFile): no caller can authenticate, and every RPC but the health check is refused")]
    public static partial void NoClientAuthority(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Client revocation list {Path} in force: {Count} revoked, issued {ThisUpdate}")]
    public static partial void RevocationListLoaded(ILogger logger, string path, int count, DateTimeOffset thisUpdate);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "The changed client revocation list {Path} was not taken, the previous one stays in force: {Reason}")]
    public static partial void RevocationListRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "A revoked client certificate (serial {Serial}) was refused")]
    public static partial void RevokedCertificate(ILogger logger, string serial);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "A client certificate (serial {Serial}) chains to the client CA but names no valid subject, role and unit; refused")]
    public static partial void NoIdentity(ILogger logger, string serial);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "{Method} refused with {StatusCode} for {Subject} ({Role})")]
    public static partial void Denied(ILogger logger, string method, global::Grpc.Core.StatusCode statusCode, string subject, string role);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "The client revocation list {Path} was due to be replaced at {NextUpdate}; run 'liaison ca crl' and copy it here")]
    public static partial void RevocationListStale(ILogger logger, string path, DateTimeOffset nextUpdate);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "The login of {Subject} could not be audited ({Error}); its call was answered {StatusCode} and the next one tries again")]
    public static partial void LoginNotAudited(ILogger logger, string subject, string error, global::Grpc.Core.StatusCode statusCode);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Client CA file {Path} in force: {Count} CA certificates")]
    public static partial void ClientAuthoritiesLoaded(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "The changed client CA file {Path} was not taken, the CAs in force stay: {Reason}")]
    public static partial void ClientAuthoritiesRefused(ILogger logger, string path, string reason);
}
