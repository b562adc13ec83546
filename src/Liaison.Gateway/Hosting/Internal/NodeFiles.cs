using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;

namespace Liaison.Gateway.Hosting.Internal;

/// <summary>
/// Reads what makes a node: its keys and the agreement in force. Every failure becomes
/// a <see cref="GatewayStartupException"/> with one sentence naming the file.
/// </summary>
internal static class NodeFiles
{
    // Unknown fields are errors: a draft or a misspelt file must not pass for an agreement.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static KeyRing ReadKeys(GatewayOptions options, Func<string, string?> environment)
    {
        var passphrase = ReadPassphrase(options, environment);
        KeyRing keys;
        try
        {
            keys = KeyFile.Read(options.KeyFile, passphrase);
        }
        catch (KeyFileException ex)
        {
            // Its messages name the file and the problem, never the key or the passphrase.
            throw new GatewayStartupException(ex.Message, ex);
        }

        return keys.Owner == options.NodeId ? keys
            : throw new GatewayStartupException($"The private-key file '{options.KeyFile}' holds the keys of '{keys.Owner}', not of {GatewayOptions.Section}:NodeId '{options.NodeId}'.");
    }

    public static AgreementInForce ReadAgreement(string path)
    {
        SignedAgreement signed;
        try
        {
            signed = Parser.Parse<SignedAgreement>(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GatewayStartupException($"The agreement file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException)
        {
            throw new GatewayStartupException($"The agreement file '{path}' is not a signed agreement in protobuf JSON (a draft must be signed by every party first).", ex);
        }

        try
        {
            return AgreementInForce.Load(signed);
        }
        catch (AgreementException ex)
        {
            throw new GatewayStartupException($"The agreement in '{path}' is not in force: {string.Join(" ", ex.Problems)}", ex);
        }
    }

    private static string ReadPassphrase(GatewayOptions options, Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(options.PassphraseFile))
        {
            var fromEnvironment = environment(options.PassphraseVariable);
            return !string.IsNullOrEmpty(fromEnvironment) ? fromEnvironment
                : throw new GatewayStartupException($"No key-file passphrase was given: set {GatewayOptions.Section}:PassphraseFile or the environment variable {options.PassphraseVariable}.");
        }

        var path = options.PassphraseFile;
        if (!File.Exists(path))
        {
            throw new GatewayStartupException($"The passphrase file '{path}' does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            throw new GatewayStartupException($"The passphrase file '{path}' is readable by other users; run 'chmod 600 {path}' and try again.");
        }

        var passphrase = File.ReadAllText(path).TrimEnd('\r', '\n');
        return passphrase.Length > 0 ? passphrase : throw new GatewayStartupException($"The passphrase file '{path}' is empty.");
    }
}
