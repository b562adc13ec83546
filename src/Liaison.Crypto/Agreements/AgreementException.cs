namespace Liaison.Crypto.Agreements;

/// <summary>
/// An agreement is not valid, not co-signed, or may not replace the one in force.
/// The message lists every problem found, one sentence each.
/// </summary>
public sealed class AgreementException : Exception
{
    public AgreementException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems)) => Problems = problems;

    public AgreementException()
        : this([])
    {
    }

    public AgreementException(string message)
        : this([message])
    {
    }

    public AgreementException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
