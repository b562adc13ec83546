namespace Liaison.Crypto.Envelopes;

/// <summary>
/// A message cannot be sealed under the agreement in force (no link, a message type
/// the link does not allow, no valid key). The message says which; it never
/// includes the payload or key material.
/// </summary>
public sealed class EnvelopeSealException : Exception
{
    public EnvelopeSealException()
    {
    }

    public EnvelopeSealException(string message)
        : base(message)
    {
    }

    public EnvelopeSealException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
