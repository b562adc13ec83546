namespace Liaison.Gateway.Storage;

/// <summary>The audit log's settings ("AuditLog" section), validated at start-up by <see cref="AuditLogOptionsValidator"/>.</summary>
public sealed class AuditLogOptions
{
    public const string Section = "AuditLog";

    /// <summary>How often <see cref="CheckpointIssuer"/> signs a checkpoint, if the log grew. Default 5 seconds; 100 ms to 1 hour.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);
}
