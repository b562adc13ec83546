using System.CommandLine;
using Liaison.Cli.Files;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Envelopes;

namespace Liaison.Cli.Commands;

/// <summary><c>liaison envelope seal</c>: seals a payload file, for demonstrations and for testing a partner's gateway.</summary>
internal sealed class EnvelopeSealCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> agreement = CliOptions.Required("--agreement", "The signed agreement in force.", "signed.json");
    private readonly Option<string> key = CliOptions.Required("--key", "The sending node's key file.", "node.key");
    private readonly Option<string> recipient = CliOptions.NodeId("--to", "The recipient node.");
    private readonly Option<string> messageType = CliOptions.Required("--type", "The message type, e.g. verification.request.", "message-type");
    private readonly Option<string> payload = CliOptions.Required("--payload-file", "The file whose bytes are the payload.", "path");
    private readonly Option<string> caseReference = new("--case-ref") { Description = "An opaque case reference such as LC-2026-0042; it travels in clear text, so never a name.", HelpName = "reference" };
    private readonly Option<ulong> sequence = new("--sequence") { Description = "The per-link sequence number.", DefaultValueFactory = _ => 1 };
    private readonly Option<string> output = new("--out") { Description = "The envelope file to write (default: <envelope-id>.envelope in the current directory).", HelpName = "envelope.bin" };
    private readonly PassphraseOption passphrase = new();

    public EnvelopeSealCommand(CliContext context)
        : base("seal", "Seal a payload into an envelope for another party of the agreement.")
    {
        this.context = context;
        this.AddOptions(agreement, key, recipient, messageType, payload, caseReference, sequence, output, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var inForce = AgreementFiles.LoadInForce(parse.GetRequiredValue(agreement));
        var ring = passphrase.OpenKeyFile(parse.GetRequiredValue(key), parse, context);
        if (inForce.FindParty(ring.Owner) is null)
        {
            throw new CliException($"The key file belongs to '{ring.Owner}', which is not a party to agreement '{inForce.Document.AgreementId}'.");
        }

        var request = new SealRequest(parse.GetRequiredValue(recipient), parse.GetRequiredValue(messageType), File.ReadAllBytes(parse.GetRequiredValue(payload)))
        {
            CaseReference = parse.GetValue(caseReference) ?? "",
            Sequence = parse.GetValue(sequence),
        };
        var envelope = new EnvelopeSealer(inForce, ring, TimeProvider.System).Seal(request);
        var path = parse.GetValue(output) ?? envelope.EnvelopeId + ".envelope";
        File.WriteAllBytes(path, envelope.Bytes);

        context.Out.WriteLine($"Sealed {Display.Count(request.Payload.Length, "byte")} of payload into {path} ({Display.Count(envelope.Bytes.Length, "byte")}):");
        HeaderRenderer.Write(context.Out, envelope.Header);
        return ExitCodes.Success;
    }
}
