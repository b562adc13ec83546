namespace Liaison.Cli;

/// <summary>The process exit codes, documented in the tool's help.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input was understood but refused: a bad signature, a wrong passphrase, a rejected envelope.</summary>
    public const int Refused = 1;

    /// <summary>The command line itself is wrong: a missing option, an unknown suite, a malformed time.</summary>
    public const int Usage = 2;

    /// <summary>A bug in the tool; the message asks the operator to report it.</summary>
    public const int InternalError = 3;
}
