namespace Liaison.Gateway.Auditing;

/// <summary>No audit entry has this seq: the log is shorter.</summary>
public sealed class AuditEntryNotFoundException : Exception
{
    public AuditEntryNotFoundException(long seq)
        : base($"The audit log has no entry {seq}.") => Seq = seq;

    public AuditEntryNotFoundException()
    {
    }

    public AuditEntryNotFoundException(string message)
        : base(message)
    {
    }

    public AuditEntryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long Seq { get; }
}
