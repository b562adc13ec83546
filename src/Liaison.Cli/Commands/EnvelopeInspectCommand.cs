using System.CommandLine;
using Google.Protobuf;
using Liaison.Cli.Files;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison envelope inspect</c>: shows an envelope's header and runs the recipient's
/// checks. Without a key anyone holding the agreement can verify it; with the
/// recipient's key it is also decrypted.
/// </summary>
internal sealed class EnvelopeInspectCommand : Command
{
    private readonly CliContext context;
    private readonly Argument<string> file = new("envelope-file") { Description = "The sealed envelope (raw bytes)." };
    private readonly Option<string> agreement = CliOptions.Required("--agreement", "The signed agreement the envelope was sealed under.", "signed.json");
    private readonly Option<string> key = new("--key") { Description = "The recipient's key file, to decrypt the payload.", HelpName = "node.key" };
    private readonly Option<DateTimeOffset?> now = CliOptions.Time("--now", "Check as of this time instead of the current time, e.g. when the envelope arrived.");
    private readonly PassphraseOption passphrase = new();

    public EnvelopeInspectCommand(CliContext context)
        : base("inspect", "Show an envelope's header and whether it is accepted; exit 0 if accepted, 1 if rejected.")
    {
        this.context = context;
        Arguments.Add(file);
        this.AddOptions(agreement, key, now, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var path = parse.GetRequiredValue(file);
        var bytes = File.ReadAllBytes(path);
        var inForce = AgreementFiles.LoadInForce(parse.GetRequiredValue(agreement));
        TimeProvider time = parse.GetValue(now) is { } fixedTime ? new FixedTimeProvider(fixedTime) : TimeProvider.System;
        var keyPath = parse.GetValue(key);
        var result = keyPath is null
            ? new EnvelopeOpener(inForce, null, time).Verify(bytes)
            : new EnvelopeOpener(inForce, passphrase.OpenKeyFile(keyPath, parse, context), time).Open(bytes);

        var output = context.Out;
        output.WriteLine($"Envelope {path} ({Display.Count(bytes.Length, "byte")})");
        if ((result.Header ?? TryParseHeader(bytes)) is { } header)
        {
            HeaderRenderer.Write(output, header);
        }
        else
        {
            output.WriteLine("  (the header cannot be decoded)");
        }

        output.WriteLine($"Checked at {Display.Time(time.GetUtcNow())} against agreement '{inForce.Document.AgreementId}' version {inForce.Version} (digest {Display.Hex(inForce.Digest)}).");
        if (!result.IsAccepted)
        {
            throw new CliException($"The envelope is rejected: {Display.Enum(result.Reason)}. {result.Detail}");
        }

        output.WriteLine("Accepted: " + result.Detail);
        if (result.Payload is not null)
        {
            PayloadRenderer.Write(output, result.Payload);
        }

        return ExitCodes.Success;
    }

    /// <summary>The opener leaves out the header of an envelope it refuses before parsing (too large); show it anyway.</summary>
    private static EnvelopeHeader? TryParseHeader(byte[] bytes)
    {
        try
        {
            return EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(bytes).Header);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
