using System.CommandLine;
using Liaison.Agreement.V1;
using Liaison.Cli.Files;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison agreement draft</c>: a first version from the parties' public keys, or
/// (<c>--next</c>) the next version of the agreement in force, as JSON to review and edit.
/// </summary>
internal sealed class AgreementDraftCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> id = new("--id") { Description = "The agreement id, e.g. laocai-yunnan-blo.", HelpName = "agreement-id" };
    private readonly Option<DateTimeOffset?> effectiveFrom = CliOptions.Time("--effective-from", "When the agreement takes effect.");
    private readonly Option<Suite> suite = CliOptions.SuiteChoice();
    private readonly Option<bool> postQuantum = new("--post-quantum") { Description = "Require an ML-DSA-65 co-signature on every link." };
    private readonly Option<LinkSuiteSpec[]> linkSuites = LinkSuiteSpec.CreateOption();
    private readonly Option<PartySpec[]> parties = PartySpec.CreateOption();
    private readonly Option<NameSpec[]> names = NameSpec.CreateOption();
    private readonly Option<ulong?> maxAttachmentBytes = new("--max-attachment-bytes")
    {
        Description = $"The largest attachment any link allows, in bytes (default: {AgreementDraft.DefaultMaxAttachmentBytes}, 64 MiB). With --next, replaces every link's limit.",
        HelpName = "bytes",
    };
    private readonly Option<string> next = new("--next") { Description = "Draft the next version of this signed agreement instead.", HelpName = "signed-agreement.json" };
    private readonly Option<string> output = CliOptions.Required("--out", "The draft JSON file to write.", "draft.json");

    public AgreementDraftCommand(CliContext context)
        : base("draft", "Draft an agreement (or with --next, its next version) as JSON for the parties to review before signing.")
    {
        this.context = context;
        Option[] firstVersionOnly = [id, suite, postQuantum, parties, names, linkSuites];
        Option[] firstVersionRequired = [id, effectiveFrom, suite, parties];
        Validators.Add(r =>
        {
            var isNext = r.GetResult(next) is not null;
            foreach (var option in isNext ? firstVersionOnly : firstVersionRequired)
            {
                var given = r.GetResult(option) is not null;
                if (isNext && given)
                {
                    r.AddError($"{option.Name} cannot be combined with --next: the next version starts from the content of the current one.");
                }
                else if (!isNext && !given)
                {
                    r.AddError($"Option '{option.Name}' is required (unless --next is given).");
                }
            }
        });
        this.AddOptions(id, effectiveFrom, suite, postQuantum, linkSuites, parties, names, maxAttachmentBytes, next, output);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var nextOf = parse.GetValue(next);
        var document = nextOf is null ? DraftFirstVersion(parse) : DraftNextVersion(parse, nextOf);
        if (parse.GetValue(maxAttachmentBytes) is { } limit)
        {
            // Written out even when it equals the default, so the signed terms say it explicitly.
            foreach (var link in document.Links)
            {
                link.MaxAttachmentBytes = limit;
            }
        }

        // Refuse a draft that could never be signed, so mistakes (a swapped key file, a bad country code) show now.
        var report = AgreementInForce.Inspect(AgreementDraft.Freeze(document), null);
        if (report.Problems.Count > 0)
        {
            throw new CliException("The draft would not be a valid agreement:", report.Problems);
        }

        var path = parse.GetRequiredValue(output);
        ProtoJsonFile.Write(path, document);
        context.Out.WriteLine($"Wrote the draft of agreement '{document.AgreementId}' version {document.Version} to {path}.");
        context.Out.WriteField("Parties", string.Join(", ", document.Parties.Select(p => p.NodeId)));
        context.Out.WriteField("Effective from", Display.Time(document.EffectiveFrom));
        context.Out.WriteLine($"Review it (liaison agreement show {path}), then each party signs it with 'liaison agreement sign'.");
        return ExitCodes.Success;
    }

    private ExchangeAgreement DraftFirstVersion(ParseResult parse)
    {
        var specs = parse.GetRequiredValue(parties);
        var givenNames = parse.GetValue(names) ?? [];
        var partyIds = specs.Select(p => p.NodeId).ToHashSet(StringComparer.Ordinal);
        var stray = givenNames.FirstOrDefault(n => !partyIds.Contains(n.NodeId));
        if (stray is not null)
        {
            throw new CliException($"--name is given for '{stray.NodeId}', which is not one of the --party node ids.");
        }

        var drafts = specs.Select(spec => new PartyDraft(
            spec.NodeId,
            NameOf(spec.NodeId, givenNames),
            spec.Country,
            ReadKeys(spec.AuthorityKeysPath, spec.NodeId),
            ReadKeys(spec.NodeKeysPath, spec.NodeId))).ToList();
        // A new agreement allows photographs and scans and every workflow step on every link;
        // the parties may remove some before signing.
        var document = AgreementDraft.AllowMessageTypes(
            AgreementDraft.AllowAttachments(
                AgreementDraft.Create(parse.GetRequiredValue(id), parse.GetValue(effectiveFrom)!.Value, drafts, parse.GetValue(suite), parse.GetValue(postQuantum))),
            Liaison.Workflows.WorkflowEvents.MessageTypes);
        foreach (var spec in parse.GetValue(linkSuites) ?? [])
        {
            var link = document.Links.FirstOrDefault(l => l.SenderNode == spec.SenderNode && l.RecipientNode == spec.RecipientNode)
                ?? throw new CliException($"The link {spec.SenderNode} -> {spec.RecipientNode} given to --link-suite is not a link between two --party nodes.");
            link.Suite = spec.Suite;
        }

        return document;
    }

    private ExchangeAgreement DraftNextVersion(ParseResult parse, string currentPath)
    {
        var document = AgreementDraft.NextVersion(AgreementFiles.LoadInForce(currentPath));
        if (parse.GetValue(effectiveFrom) is { } from)
        {
            document.EffectiveFrom = Timestamp.FromDateTimeOffset(from);
        }
        else
        {
            context.Note($"The next version keeps effective_from {Display.Time(document.EffectiveFrom)}; pass --effective-from to change it.");
        }

        return document;
    }

    private LocalizedName NameOf(string nodeId, IEnumerable<NameSpec> givenNames)
    {
        var given = givenNames.LastOrDefault(n => n.NodeId == nodeId);
        if (given is not null)
        {
            return given.Name;
        }

        context.Note($"No --name for '{nodeId}': it is named '{nodeId}' in Vietnamese, Chinese and English; edit the draft before signing.");
        return new LocalizedName { Vi = nodeId, Zh = nodeId, En = nodeId };
    }

    /// <summary>A public-key file, which must belong to the party it is listed for.</summary>
    private static PublicKeyBundle ReadKeys(string path, string nodeId)
    {
        var bundle = ProtoJsonFile.Read<PublicKeyBundle>(path);
        return bundle.Owner == nodeId
            ? bundle
            : throw new CliException($"The public keys in '{path}' belong to '{bundle.Owner}', not to the party '{nodeId}'.");
    }
}
