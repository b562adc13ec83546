namespace Liaison.Gateway.Security;

/// <summary>
/// The RPC needs an authenticated caller and this one presented no client certificate that the
/// gateway trusts (none, another CA's, expired, revoked, or one naming no role). UNAUTHENTICATED.
/// </summary>
public sealed class CallerUnauthenticatedException : Exception
{
    public CallerUnauthenticatedException()
        : base("This call needs a client certificate issued by this gateway's client CA, valid and not revoked.")
    {
    }

    public CallerUnauthenticatedException(string message)
        : base(message)
    {
    }

    public CallerUnauthenticatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
