using System.Reflection;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Liaison.Audit.Merkle;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Security;
using Liaison.Gateway.V1;
using Liaison.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// The auditors' API through a real gRPC channel: the start-up entries, search by case, actor,
/// type and time, an entry with its leaf, inclusion and consistency proofs checked here against
/// a checkpoint verified with the node's key from the agreement, checkpoints latest first, and errors.
/// </summary>
public sealed class AuditApiTests : IDisposable
{
    private const string CaseReference = "LC-2026-0042";
    private static readonly Caller Auditor = new("vn-laocai/auditor-01", CallerRole.Auditor, "");
    private static readonly Caller Officer = new("vn-laocai/officer-0042", CallerRole.Officer, "bat-xat-police");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly NodeDirectory files = new();
    private readonly GatewayFactory gateway;

    public AuditApiTests()
    {
        var settings = files.Settings();
        settings["AuditLog:CheckpointInterval"] = "00:00:00.100";
        gateway = new GatewayFactory(settings);
    }

    private LiaisonAuditService.LiaisonAuditServiceClient Client => new(AuditorChannel());

    [Fact]
    public async Task TheGatewaysStartIsAuditedWithItsKeysAndTheAgreementsDigest()
    {
        var response = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { EventTypes = { "NodeStarted", "KeyLoaded", "AgreementLoaded", "AgreementChanged" } });

        var entries = response.AuditEntries;
        Assert.Equal(["NodeStarted", "KeyLoaded", "KeyLoaded", "KeyLoaded", "AgreementLoaded"], entries.Select(e => e.EventType));
        Assert.All(entries, e => Assert.Equal((AuditActors.Node, 2), (e.Actor, e.FormatVersion)));
        Assert.Contains($"digest sha256:{Convert.ToHexStringLower(NodeDirectory.Agreement.Digest.Span)}", entries[^1].Detail, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Detail == $"audit pseudonym key {gateway.Services.GetRequiredService<AuditPseudonyms>().KeyId}");
    }

    [Fact]
    public async Task EntriesAreFoundByTheirCaseReferenceWhichTheGatewayHashesAndNeverReturns()
    {
        var trail = gateway.Services.GetRequiredService<AuditTrail>();
        var message = await gateway.RecordInboundAsync(Encoding.UTF8.GetBytes("Nguyễn Thị Hoa, born 2009"));
        await trail.ReadAsync(Officer, message.EnvelopeId, CaseReference);
        await trail.AccessDeniedAsync(Auditor, null, CaseReference, "NOT_OPENED_FOR_AUDIT");
        await trail.ReadAsync(Officer, null, "LC-2026-0043");

        var byCase = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseReference = CaseReference });
        var byActor = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Actor = Officer.SubjectId, EventTypes = { "Read" } });
        var byEnvelope = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { EnvelopeId = message.EnvelopeId.ToString("D"), OrderBy = "seq desc" });

        Assert.Equal(["Read", "AccessDenied"], byCase.AuditEntries.Select(e => e.EventType));
        Assert.Equal(gateway.Services.GetRequiredService<AuditPseudonyms>().ForCase(CaseReference), byCase.CaseSubject);
        Assert.All(byCase.AuditEntries, e => Assert.Equal(byCase.CaseSubject, e.Subject));
        Assert.Equal([Officer.SubjectId, Auditor.SubjectId], byCase.AuditEntries.Select(e => e.Actor));
        Assert.Equal(2, byActor.AuditEntries.Count);
        Assert.Equal(["Read", "Stored", "Verified", "Received"], byEnvelope.AuditEntries.Select(e => e.EventType));
        var everything = (await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 })).AuditEntries;
        var text = string.Join("\n", everything.Select(e => $"{e.EventType} {e.EnvelopeId} {e.PeerNode} {e.Actor} {e.Subject} {e.ReasonCode} {e.Detail}"));
        Assert.DoesNotContain(CaseReference, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoa", text, StringComparison.Ordinal);
        Assert.All(everything, e => Assert.True(e.LeafData.Span.IndexOf("Hoa"u8) < 0 && e.LeafData.Span.IndexOf(Encoding.UTF8.GetBytes(CaseReference)) < 0));
    }

    [Fact]
    public async Task AReportLeavingTheGatewayIsAuditedAsAnExport()
    {
        await new LiaisonWorkflowService.LiaisonWorkflowServiceClient(gateway.Channel)
            .GetPeriodicReportAsync(new GetPeriodicReportRequest { Period = "2026-Q4", Format = ReportFormat.Html });

        var exported = Assert.Single((await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { EventTypes = { "Exported" } })).AuditEntries);

        Assert.Equal("report 2026-Q4 as html", exported.Detail);
        Assert.NotEqual(AuditActors.Node, exported.Actor);
    }

    [Fact]
    public async Task MessagesAndWorkflowStepsAreAuditedAsTheirCallersNotAsTheNode()
    {
        var message = (await gateway.Client.SubmitMessageAsync(new SubmitMessageRequest
        {
            RequestId = "req-actor-1",
            RecipientNode = NodeDirectory.Yunnan,
            MessageType = "verification.request",
            Payload = ByteString.CopyFromUtf8("{}"),
            CaseReference = CaseReference,
        })).Message;
        var step = (await new LiaisonWorkflowService.LiaisonWorkflowServiceClient(gateway.Channel).SubmitWorkflowStepAsync(
            new SubmitWorkflowStepRequest { RequestId = "req-actor-2", RecipientNode = NodeDirectory.Yunnan, Step = Liaison.Workflows.Tests.Support.VerificationEvents.Request("vr-actor-1") })).Message;

        var submitted = (await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { EventTypes = { "Submitted", "Sealed" } })).AuditEntries;

        Assert.Equal([message.EnvelopeId, message.EnvelopeId, step.EnvelopeId, step.EnvelopeId], submitted.Select(e => e.EnvelopeId));
        Assert.Single(submitted.Select(e => e.Actor).Distinct());
        Assert.NotEqual(AuditActors.Node, submitted[0].Actor);
    }

    [Fact]
    public async Task AMessagesOwnEntriesNameItsCaseSoASearchByCaseFindsThemWithTheReads()
    {
        var message = (await gateway.Client.SubmitMessageAsync(new SubmitMessageRequest
        {
            RequestId = "req-case-1",
            RecipientNode = NodeDirectory.Yunnan,
            MessageType = "verification.request",
            Payload = ByteString.CopyFromUtf8("{}"),
            CaseReference = CaseReference,
        })).Message;
        await gateway.Services.GetRequiredService<AuditTrail>().ReadAsync(Officer, null, CaseReference);
        var inbound = await gateway.RecordInboundAsync(Encoding.UTF8.GetBytes("{}"));

        var byCase = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseReference = CaseReference });
        var otherCase = await Client.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseReference = "YN-2026-0107" });

        // Published too, once the dispatcher has sent it (the in-memory bus has no partner to receipt it).
        Assert.Equal(["Submitted", "Sealed", "Read"], byCase.AuditEntries.Select(e => e.EventType).Where(t => t != "Published"));
        Assert.All(byCase.AuditEntries.Where(e => e.EventType != "Read"), e => Assert.Equal(message.EnvelopeId, e.EnvelopeId));
        Assert.All(byCase.AuditEntries, e => Assert.Equal(byCase.CaseSubject, e.Subject));
        Assert.Equal(["Received", "Verified", "Stored"], otherCase.AuditEntries.Select(e => e.EventType));
        Assert.All(otherCase.AuditEntries, e => Assert.Equal(inbound.EnvelopeId.ToString("D"), e.EnvelopeId));
    }

    [Fact]
    public async Task AnEntryComesWithItsLeafAndItsInclusionProofChecksAgainstASignedCheckpoint()
    {
        var seq = await gateway.Services.GetRequiredService<AuditTrail>().ReadAsync(Officer, null, CaseReference);
        await CheckpointCoveringAsync(seq);

        var entry = (await Client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = $"auditEntries/{seq}" })).AuditEntry;
        var proof = await Client.GetInclusionProofAsync(new GetInclusionProofRequest { Name = entry.Name });

        Assert.Equal((seq, "Read", Officer.SubjectId), (entry.Seq, entry.EventType, entry.Actor));
        Assert.Equal(Rfc6962.HashLeaf(entry.LeafData.Span).ToArray(), entry.LeafHash.ToByteArray());
        Assert.Equal(entry.LeafHash, proof.LeafHash);
        var checkpoint = VerifiedCheckpoint(proof.Checkpoint);
        Assert.Equal((ulong)proof.TreeSize, checkpoint.Size);
        Assert.True(MerkleVerifier.VerifyInclusion((ulong)proof.LeafIndex, checkpoint.Size, Rfc6962.HashLeaf(entry.LeafData.Span), Path(proof.Hashes), checkpoint.Root));
        Assert.Equal(checkpoint.Root.ToArray(), proof.RootHash.ToByteArray());
        // The proof is of this entry and no other.
        var other = (await Client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = "auditEntries/1" })).AuditEntry;
        Assert.False(MerkleVerifier.VerifyInclusion((ulong)proof.LeafIndex, checkpoint.Size, Rfc6962.HashLeaf(other.LeafData.Span), Path(proof.Hashes), checkpoint.Root));
    }

    [Fact]
    public async Task AConsistencyProofLinksAnEarlierTreeToTheLatestCheckpoint()
    {
        var first = (await Client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = "auditEntries/1" })).AuditEntry;
        var seq = await gateway.Services.GetRequiredService<AuditTrail>().ReadAsync(Officer, null, CaseReference);
        await CheckpointCoveringAsync(seq);

        var proof = await Client.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstTreeSize = 1 });

        var latest = VerifiedCheckpoint(proof.SecondCheckpoint);
        Assert.Equal((1L, (long)latest.Size), (proof.FirstTreeSize, proof.SecondTreeSize));
        // The tree of one entry has that entry's leaf hash as its root (RFC 9162 §2.1.1).
        var oneEntryRoot = Rfc6962.HashLeaf(first.LeafData.Span);
        Assert.True(MerkleVerifier.VerifyConsistency(1, latest.Size, Path(proof.Hashes), oneEntryRoot, latest.Root));
        Assert.False(MerkleVerifier.VerifyConsistency(1, latest.Size, Path(proof.Hashes), Rfc6962.HashLeaf("forged"u8), latest.Root));
    }

    [Fact]
    public async Task CheckpointsAreListedLatestFirstAcrossPages()
    {
        var trail = gateway.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < 3; i++)
        {
            await CheckpointCoveringAsync(await trail.ReadAsync(Officer, null, CaseReference));
        }

        var sizes = new List<long>();
        var token = "";
        do
        {
            var page = await Client.ListCheckpointsAsync(new ListCheckpointsRequest { PageSize = 2, PageToken = token });
            sizes.AddRange(page.Checkpoints.Select(c => c.TreeSize));
            Assert.All(page.Checkpoints, c => VerifiedCheckpoint(c));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.True(sizes.Count >= 3);
        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.Equal(sizes.Distinct(), sizes);
    }

    [Fact]
    public async Task BadRequestsAreRefusedWithTheFieldsNamed()
    {
        var unknownType = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ListAuditEntriesAsync(
            new ListAuditEntriesRequest { EventTypes = { "Read", "Nope" }, EnvelopeId = "x", CaseReference = "no spaces allowed", OrderBy = "time" }).ResponseAsync);
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = "auditEntries/999999" }).ResponseAsync);
        var badName = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.GetAuditEntryAsync(new GetAuditEntryRequest { Name = "auditEntries/0" }).ResponseAsync);
        var tooLarge = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.GetInclusionProofAsync(new GetInclusionProofRequest { Name = "auditEntries/1", TreeSize = 999_999 }).ResponseAsync);
        var badToken = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Client.ListCheckpointsAsync(new ListCheckpointsRequest { PageToken = "AQAAAAAAAAAB" }).ResponseAsync);

        Assert.Equal(["case_reference", "event_types[1]", "envelope_id", "order_by"], RpcAssert.ViolatedFields(unknownType));
        Assert.Equal(("AUDIT_ENTRY_NOT_FOUND", "auditEntries/999999"), (RpcAssert.Info(missing).Reason, RpcAssert.Info(missing).Metadata["name"]));
        Assert.Equal(["name"], RpcAssert.ViolatedFields(badName));
        Assert.Equal(["tree_size"], RpcAssert.ViolatedFields(tooLarge));
        Assert.Equal("INVALID_PAGE_TOKEN", RpcAssert.Info(badToken).Reason);
    }

    public void Dispose()
    {
        gateway.Dispose();
        files.Dispose();
    }

    private static List<MerkleHash> Path(IEnumerable<ByteString> hashes) => hashes.Select(h => MerkleHash.FromBytes(h.Span)).ToList();

    private static Audit.Checkpoints.Checkpoint VerifiedCheckpoint(AuditLogCheckpoint checkpoint)
    {
        Assert.NotNull(checkpoint);
        var verified = CheckpointNotes.Verify(checkpoint.Note, NodeDirectory.Agreement, NodeDirectory.LaoCai, checkpoint.IssueTime.ToDateTimeOffset(), out var problem);
        Assert.True(verified is not null, problem);
        Assert.Equal((ulong)checkpoint.TreeSize, verified.Size);
        Assert.Equal(checkpoint.RootHash.ToByteArray(), verified.Root.ToArray());
        return verified;
    }

    private Task CheckpointCoveringAsync(long seq) =>
        Polling.UntilAsync(
            async () => (await Client.ListCheckpointsAsync(new ListCheckpointsRequest { PageSize = 1 })).Checkpoints is [var latest] && latest.TreeSize >= seq,
            Patience,
            $"a checkpoint covering audit entry {seq}");

    /// <summary>
    /// A channel calling as an auditor. The harness gains per-caller channels (client certificates)
    /// in parallel work; until then every channel is the unauthenticated default one.
    /// </summary>
    private GrpcChannel AuditorChannel() =>
        typeof(GatewayFactory).GetMethod("ChannelFor", BindingFlags.Public | BindingFlags.Instance, [typeof(Caller)]) is { } channelFor
            ? (GrpcChannel)channelFor.Invoke(gateway, [Auditor])!
            : gateway.Channel;
}
