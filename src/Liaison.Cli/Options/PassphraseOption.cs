using System.CommandLine;
using Liaison.Crypto.Keys;

namespace Liaison.Cli.Options;

/// <summary>
/// Where the key-file passphrase comes from: <c>--passphrase-file</c>, else the
/// environment. Never an argument of its own, because the command line of a
/// process is visible to every user of the machine.
/// </summary>
/// <param name="variable">The environment variable read when no file is given; the CA's key has its own.</param>
internal sealed class PassphraseOption(string variable = PassphraseOption.EnvironmentVariable)
{
    public const string EnvironmentVariable = "LIAISON_KEY_PASSPHRASE";

    public Option<string?> File { get; } = new("--passphrase-file")
    {
        Description = $"A file holding the key-file passphrase (a trailing newline is ignored). Default: the environment variable {variable}.",
        HelpName = "path",
    };

    /// <summary>Opens an encrypted key file with the passphrase.</summary>
    public KeyRing OpenKeyFile(string keyPath, ParseResult parseResult, CliContext context) =>
        KeyFile.Read(keyPath, Read(parseResult, context));

    public string Read(ParseResult parseResult, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(context);
        var path = parseResult.GetValue(File);
        if (path is not null)
        {
            WarnIfReadableByOthers(path, context);
            var fromFile = System.IO.File.ReadAllText(path).TrimEnd('\r', '\n');
            return fromFile.Length > 0 ? fromFile : throw new CliException($"The passphrase file '{path}' is empty.");
        }

        var fromEnvironment = context.GetEnvironmentVariable(variable);
        return !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : throw new CliException($"No passphrase was given: pass --passphrase-file <path> or set the environment variable {variable}.");
    }

    private static void WarnIfReadableByOthers(string path, CliContext context)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path) && (System.IO.File.GetUnixFileMode(path) & others) != 0)
        {
            context.Warn($"The passphrase file '{path}' is readable by other users; consider 'chmod 600 {path}'.");
        }
    }
}
