namespace Liaison.Gateway.Hosting;

/// <summary>
/// The gateway cannot start: its keys, its agreement or its certificate are missing or
/// unusable. The message is one sentence saying what is wrong and where, never a
/// secret, for the operator to act on.
/// </summary>
public sealed class GatewayStartupException : Exception
{
    public GatewayStartupException()
    {
    }

    public GatewayStartupException(string message)
        : base(message)
    {
    }

    public GatewayStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
