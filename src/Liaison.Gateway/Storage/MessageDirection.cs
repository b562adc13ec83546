namespace Liaison.Gateway.Storage;

/// <summary>Whether this node sent the message or received it.</summary>
public enum MessageDirection
{
    /// <summary>Submitted here, sealed for a partner node.</summary>
    Outbound,

    /// <summary>Received from a partner node.</summary>
    Inbound,
}
