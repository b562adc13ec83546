using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Protection;

/// <summary>Log messages of the protection at rest: KEK ids, counts and ids only, never key material.</summary>
internal static partial class ProtectionLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Key-encryption keys changed: current {Current}, previous [{Previous}]")]
    public static partial void KeyEncryptionKeysChanged(ILogger logger, string current, string previous);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "The changed key-encryption key settings were not applied; the keys in use are kept: {Problem}")]
    public static partial void KeyEncryptionKeysNotReloaded(ILogger logger, string problem);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Rewrapped {Count} data keys to key-encryption key {Current}; {Remaining} still wrapped by earlier keys")]
    public static partial void Rewrapped(ILogger logger, int count, string current, long remaining);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Crypto-erased {Count} cases whose retention ended")]
    public static partial void Erased(ILogger logger, int count);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Data-key maintenance failed and will run again: {Error}")]
    public static partial void MaintenanceFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "No data key is wrapped by key-encryption key {Kek} any more: it may be removed from Protection:PreviousKeyEncryptionKeyFiles")]
    public static partial void KeyEncryptionKeyRemovable(ILogger logger, string kek);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "Encrypted {Count} messages whose personal data was stored in clear; {Remaining} still in clear")]
    public static partial void ClearMessagesEncrypted(ILogger logger, int count, long remaining);
}
