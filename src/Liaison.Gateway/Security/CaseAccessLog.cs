using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Security;

/// <summary>Need-to-know's log events: subject ids, roles and case names (clear-text references), never anything from a case.</summary>
internal static partial class CaseAccessLog
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Case {Case} refused to {Subject} ({Role}): {Reason}")]
    public static partial void Denied(ILogger logger, string @case, string subject, string role, string reason);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "{Kind} {Access} of case {Case} by {Subject}")]
    public static partial void Granted(ILogger logger, string kind, long access, string @case, string subject);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Information, Message = "{Kind} {Access} of case {Case} ended by {Subject}")]
    public static partial void Revoked(ILogger logger, string kind, long access, string @case, string subject);
}
