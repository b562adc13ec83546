using System.CommandLine;
using Liaison.Agreement.V1;
using Liaison.Cli.Files;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Org.BouncyCastle.Security;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison agreement sign</c>: adds one party's authority signature. A draft is frozen
/// into bytes first; a signed agreement keeps its exact bytes, so earlier signatures stay valid.
/// </summary>
internal sealed class AgreementSignCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> key = CliOptions.Required("--key", "The party's authority key file.", "authority.key");
    private readonly Option<string> node = CliOptions.NodeId("--node", "The party that signs.");
    private readonly Option<string> draft = new("--draft") { Description = "Sign a draft (the first signature).", HelpName = "draft.json" };
    private readonly Option<string> agreement = new("--agreement") { Description = "Add a signature to an agreement signed by others.", HelpName = "signed.json" };
    private readonly Option<string> previous = new("--previous")
    {
        Description = "The version in force that this one replaces. A party of that version signs with an authority key listed there, which is how an authority key is rotated.",
        HelpName = "signed.json",
    };

    private readonly Option<string> output = CliOptions.Required("--out", "The signed agreement JSON file to write.", "signed.json");
    private readonly PassphraseOption passphrase = new();

    public AgreementSignCommand(CliContext context)
        : base("sign", "Sign an agreement with a party's authority key.")
    {
        this.context = context;
        Validators.Add(r =>
        {
            if ((r.GetResult(draft) is null) == (r.GetResult(agreement) is null))
            {
                r.AddError("Give exactly one of --draft and --agreement.");
            }
        });
        this.AddOptions(key, node, draft, agreement, previous, output, passphrase.File);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var signer = parse.GetRequiredValue(node);
        var draftPath = parse.GetValue(draft);
        var signed = draftPath is not null ? AgreementFiles.ReadDraft(draftPath) : AgreementFiles.ReadSigned(parse.GetRequiredValue(agreement));
        var previousPath = parse.GetValue(previous);
        var current = previousPath is null ? null : AgreementFiles.LoadInForce(previousPath);
        var report = AgreementInForce.Inspect(signed, current);
        if (report.Problems.Count > 0)
        {
            throw new CliException("The agreement cannot be signed because it has problems:", report.Problems);
        }

        var party = report.Document!.Parties.FirstOrDefault(p => p.NodeId == signer)
            ?? throw new CliException($"'{signer}' is not a party to agreement '{report.Document.AgreementId}'.");
        if (report.SignedBy.Contains(signer))
        {
            throw new CliException($"'{signer}' has already signed this agreement.");
        }

        // Shown before the key is used: the signer compares it with the digest their partner announced.
        context.Out.WriteLine($"Signing agreement '{report.Document.AgreementId}' version {report.Document.Version} as '{signer}'.");
        context.Out.WriteField("Digest (SHA-256)", Convert.ToHexStringLower(report.Digest));

        // Authority continuity: a party of the version in force signs with a key of that version.
        var authority = current?.FindParty(signer) ?? party;
        var authorityKey = FindAuthorityKey(passphrase.OpenKeyFile(parse.GetRequiredValue(key), parse, context), authority);
        var result = AgreementSignatures.AddSignature(signed, signer, authorityKey, new SecureRandom());
        var after = AgreementInForce.Inspect(result, current);
        if (!after.SignedBy.Contains(signer))
        {
            throw new CliException("The new signature does not verify against the agreement; nothing was written.", after.Problems);
        }

        ProtoJsonFile.Write(parse.GetRequiredValue(output), result);

        context.Out.WriteField("Signed with", $"{KeyIds.AlgorithmName(authorityKey.Algorithm)} key {KeyIds.ToHex(authorityKey.KeyId.Span)}");
        context.Out.WriteField("Written to", parse.GetRequiredValue(output));
        context.Out.WriteLine(after.InForce
            ? "Every party has signed: the agreement is in force."
            : $"Still to sign: {string.Join(", ", after.MissingSignatures)}.");
        return ExitCodes.Success;
    }

    /// <summary>The key of the file that the agreement lists as one of the party's unrevoked authority keys.</summary>
    private static PrivateKeyMaterial FindAuthorityKey(KeyRing ring, Party party) =>
        ring.Keys.FirstOrDefault(k => party.AuthorityKeys.Any(a => a.Revocation is null && a.KeyId.Span.SequenceEqual(k.KeyId.Span)))
        ?? throw new CliException($"The key file of '{ring.Owner}' holds none of the unrevoked authority keys the agreement lists for '{party.NodeId}'.");
}
