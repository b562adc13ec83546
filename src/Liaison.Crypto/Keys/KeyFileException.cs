namespace Liaison.Crypto.Keys;

/// <summary>Why a private-key file could not be used.</summary>
public enum KeyFileProblem
{
    NotFound,
    ReadableByOthers,
    WrongPassphrase,
    Corrupt,
}

/// <summary>
/// A private-key file could not be loaded. The message names the file and the
/// problem, and never includes key material or the passphrase.
/// </summary>
public sealed class KeyFileException : Exception
{
    public KeyFileException(KeyFileProblem problem, string message, Exception? inner = null)
        : base(message, inner) => Problem = problem;

    public KeyFileException()
    {
    }

    public KeyFileException(string message)
        : base(message)
    {
    }

    public KeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeyFileProblem Problem { get; }
}
