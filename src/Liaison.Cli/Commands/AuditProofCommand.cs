using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Liaison.Audit.Merkle;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison audit proof</c>: asks a running gateway for the inclusion proof of one of its audit
/// entries (<c>--entry</c>) or for the consistency proof from an earlier tree size
/// (<c>--from-size</c>), and checks it here: the checkpoint against the node's key in the
/// agreement, the proof against the checkpoint's root. Nothing the gateway says is taken on trust;
/// exit 0 only when every check passes, 1 otherwise.
/// </summary>
internal sealed class AuditProofCommand : Command
{
    private readonly CliContext context;
    private readonly AuditGateway gateway = new();
    private readonly Option<string> agreement = new("--agreement") { Description = "The signed agreement whose key of the node must have signed the checkpoint.", HelpName = "signed.json", Required = true };
    private readonly Option<string> node = Liaison.Cli.Options.CliOptions.NodeId("--node", "The node whose log this is, e.g. vn-laocai.");
    private readonly Option<long?> entry = new("--entry") { Description = "Prove that this audit entry (its seq) is in the log.", HelpName = "seq" };
    private readonly Option<long?> fromSize = new("--from-size") { Description = "Prove that the log of this many entries is a prefix of the later one.", HelpName = "size" };
    private readonly Option<long?> treeSize = new("--tree-size") { Description = "The checkpoint to prove against, by its tree size (default: the latest).", HelpName = "size" };

    public AuditProofCommand(CliContext context)
        : base("proof", "Check, against a checkpoint signed with the node's key from the agreement, that an audit entry is in a running gateway's log (--entry) or that an earlier log is a prefix of it (--from-size).")
    {
        this.context = context;
        this.AddOptions([.. gateway.All, agreement, node, entry, fromSize, treeSize]);
        Validators.Add(result =>
        {
            var inclusion = result.GetValue(entry) is not null;
            var consistency = result.GetValue(fromSize) is not null;
            if (inclusion == consistency)
            {
                result.AddError("Give either --entry (an inclusion proof) or --from-size (a consistency proof).");
            }
            else if (result.GetValue(entry) is < 1 || result.GetValue(fromSize) is < 0 || result.GetValue(treeSize) is < 1)
            {
                result.AddError("An entry's seq and a tree size are 1 or more (--from-size may be 0).");
            }
        });
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var inForce = AgreementFiles.LoadInForce(parse.GetRequiredValue(agreement));
        var nodeId = parse.GetRequiredValue(node);
        if (inForce.FindParty(nodeId) is null)
        {
            throw new CliException($"'{nodeId}' is not a party to the agreement given.");
        }

        var (channel, client) = gateway.Connect(parse);
        using (channel)
        {
            var size = parse.GetValue(treeSize) ?? 0;
            return parse.GetValue(entry) is { } seq
                ? await InclusionAsync(client, inForce, nodeId, seq, size, cancellationToken)
                : await ConsistencyAsync(client, inForce, nodeId, parse.GetRequiredValue(fromSize)!.Value, size, cancellationToken);
        }
    }

    private async Task<int> InclusionAsync(LiaisonAuditService.LiaisonAuditServiceClient client, AgreementInForce inForce, string nodeId, long seq, long size, CancellationToken cancellationToken)
    {
        var entryName = "auditEntries/" + seq.ToString(CultureInfo.InvariantCulture);
        var stored = (await client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = entryName }, cancellationToken: cancellationToken)).AuditEntry;
        var proof = await client.GetInclusionProofAsync(new GetInclusionProofRequest { Name = entryName, TreeSize = size }, cancellationToken: cancellationToken);
        var checkpoint = Verified(proof.Checkpoint, inForce, nodeId, proof.TreeSize);
        // The leaf is hashed here from the entry's bytes, not taken from the gateway.
        var leaf = Rfc6962.HashLeaf(stored.LeafData.Span);
        var output = context.Out;
        output.WriteLine($"Audit entry {seq} of {nodeId} (leaf index {seq - 1})");
        output.WriteField("Entry", AuditListCommand.Line(stored));
        output.WriteField("Leaf hash", leaf.ToHex());
        WriteCheckpoint(checkpoint, proof.Checkpoint);
        output.WriteField("Proof", Display.Count(proof.Hashes.Count, "hash"));
        if (proof.LeafIndex != seq - 1 || stored.Seq != seq
            || !MerkleVerifier.VerifyInclusion((ulong)(seq - 1), checkpoint.Size, leaf, Path(proof.Hashes), checkpoint.Root))
        {
            throw new CliException($"The inclusion proof of audit entry {seq} does not lead to the root that checkpoint {checkpoint.Size} signs: the entry is not in the log as signed, or was changed.");
        }

        output.WriteLine($"Verified: audit entry {seq}, as shown, is in the log of {checkpoint.Size} entries that {nodeId} signed.");
        return ExitCodes.Success;
    }

    private async Task<int> ConsistencyAsync(LiaisonAuditService.LiaisonAuditServiceClient client, AgreementInForce inForce, string nodeId, long first, long size, CancellationToken cancellationToken)
    {
        var proof = await client.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstTreeSize = first, SecondTreeSize = size }, cancellationToken: cancellationToken);
        var second = Verified(proof.SecondCheckpoint, inForce, nodeId, proof.SecondTreeSize);
        if (proof.FirstCheckpoint is null && first > 0)
        {
            throw new CliException($"{nodeId} signed no checkpoint of size {first}: there is no signed root to prove consistency from; choose a size listed by a checkpoint.");
        }

        var firstRoot = first == 0 ? Rfc6962.EmptyRoot : Verified(proof.FirstCheckpoint!, inForce, nodeId, first).Root;
        var output = context.Out;
        output.WriteLine($"Audit log of {nodeId}: from size {first} to size {second.Size}");
        output.WriteField("Earlier root", firstRoot.ToBase64());
        WriteCheckpoint(second, proof.SecondCheckpoint);
        output.WriteField("Proof", Display.Count(proof.Hashes.Count, "hash"));
        if (proof.FirstTreeSize != first
            || !(first == 0 || MerkleVerifier.VerifyConsistency((ulong)first, second.Size, Path(proof.Hashes), firstRoot, second.Root)))
        {
            throw new CliException($"The consistency proof does not link the log of {first} entries to checkpoint {second.Size}: the log was rewritten, or the proof is wrong.");
        }

        output.WriteLine($"Verified: the log of {first} entries is a prefix of the log of {second.Size} entries that {nodeId} signed; nothing in it was changed or removed.");
        return ExitCodes.Success;
    }

    private void WriteCheckpoint(Audit.Checkpoints.Checkpoint checkpoint, AuditLogCheckpoint signed)
    {
        context.Out.WriteField("Checkpoint", $"size {checkpoint.Size}, root {checkpoint.Root.ToBase64()}, signed {Display.Time(signed.IssueTime)}: verified with the agreement's key");
    }

    /// <summary>The checkpoint, once its note verifies with the node's key and says what the gateway says it does.</summary>
    private static Audit.Checkpoints.Checkpoint Verified(AuditLogCheckpoint? signed, AgreementInForce inForce, string nodeId, long expectedSize)
    {
        if (signed is null)
        {
            throw new CliException($"{nodeId} signed no checkpoint of size {expectedSize}; give --tree-size of a signed checkpoint, or leave it out for the latest.");
        }

        var checkpoint = CheckpointNotes.Verify(signed.Note, inForce, nodeId, signed.IssueTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, out var problem)
            ?? throw new CliException($"The checkpoint the gateway gave does not verify: {problem}");
        if ((long)checkpoint.Size != expectedSize)
        {
            throw new CliException($"The checkpoint the gateway gave is of size {checkpoint.Size}, not {expectedSize}.");
        }

        return checkpoint;
    }

    private static List<MerkleHash> Path(IEnumerable<ByteString> hashes) => hashes.Select(h =>
        h.Length == MerkleHash.Length ? MerkleHash.FromBytes(h.Span) : throw new CliException("The gateway's proof holds a value that is not a SHA-256 hash.")).ToList();
}
