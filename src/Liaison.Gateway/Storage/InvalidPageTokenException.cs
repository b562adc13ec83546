namespace Liaison.Gateway.Storage;

/// <summary>A page token was not one this store issued (INVALID_ARGUMENT).</summary>
public sealed class InvalidPageTokenException : Exception
{
    public InvalidPageTokenException()
        : base("The page token is not one this gateway issued; start again without a token.")
    {
    }

    public InvalidPageTokenException(string message)
        : base(message)
    {
    }

    public InvalidPageTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
