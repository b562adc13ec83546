namespace Liaison.Gateway.Protection;

/// <summary>
/// The key-encryption keys are missing, unusable or not the ones the store's data keys
/// need. Its message is one sentence naming the setting, file or KEK id, never key
/// material: fit for the operator's log and for start-up refusals.
/// </summary>
public sealed class DataProtectionException : Exception
{
    public DataProtectionException()
    {
    }

    public DataProtectionException(string message)
        : base(message)
    {
    }

    public DataProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
