namespace Liaison.Gateway.Auditing;

/// <summary>A proof was asked for "the latest checkpoint" before the node signed any.</summary>
public sealed class NoAuditCheckpointException : Exception
{
    public NoAuditCheckpointException()
        : base("The node has not signed a checkpoint of its audit log yet; give a tree size, or retry after the next checkpoint interval.")
    {
    }

    public NoAuditCheckpointException(string message)
        : base(message)
    {
    }

    public NoAuditCheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
