using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>The store's log events. They carry counts, versions and exception type names only.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Gateway store ({Provider}) ready; migrations applied now: {Applied}")]
    public static partial void Ready(ILogger logger, StoreProvider provider, string applied);

    // The exception's message is left out on purpose: database errors quote values.
    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed ({ErrorType}); running them one by one")]
    public static partial void BatchFailed(ILogger logger, int count, string errorType);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Audit checkpoint signed at tree size {Size}")]
    public static partial void CheckpointIssued(ILogger logger, long size);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed ({ErrorType}); trying again at the next interval")]
    public static partial void CheckpointFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Checkpointing the SQLite WAL failed ({ErrorType}); trying again after the next commits")]
    public static partial void WalCheckpointFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "The SQLite WAL outgrew the background checkpoints under steady writing; the writer checkpointed {Copied} of its {Frames} pages itself")]
    public static partial void WalCheckpointedByWriter(ILogger logger, int frames, int copied);
}
