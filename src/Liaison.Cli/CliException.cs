namespace Liaison.Cli;

/// <summary>
/// The tool refuses an input. The message is one sentence for the operator;
/// <see cref="Details"/> lists the individual problems behind it, if any.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, IReadOnlyList<string>? details = null)
        : base(message) => Details = details ?? [];

    public CliException()
        : this("The command failed.")
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException) => Details = [];

    public IReadOnlyList<string> Details { get; }
}
