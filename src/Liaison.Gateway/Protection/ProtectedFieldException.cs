namespace Liaison.Gateway.Protection;

/// <summary>
/// Stored personal data that should decrypt does not: a column altered or moved from another
/// row, a data key missing or altered, or a data key wrapped by a KEK the node no longer
/// holds. Its message names ids and KEK ids only.
/// </summary>
public sealed class ProtectedFieldException : Exception
{
    public ProtectedFieldException()
    {
    }

    public ProtectedFieldException(string message)
        : base(message)
    {
    }

    public ProtectedFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
