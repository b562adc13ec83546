using Google.Protobuf;
using Grpc.Core;
using Liaison.Audit.Merkle;
using Liaison.Crypto;
using Liaison.Gateway.Auditing;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Grpc;

/// <summary>
/// The auditors' gRPC API over the node's audit log: search, entries with their leaf data,
/// inclusion and consistency proofs, signed checkpoints. Nothing it returns holds personal
/// data: entries name cases by keyed hash only, and a case reference asked for is hashed, not
/// kept. Which roles may call it is the authorisation policy's concern. Errors are mapped in
/// <see cref="ErrorMappingInterceptor"/>. Created per call.
/// </summary>
public sealed class AuditApi(IGatewayStore store, AuditPseudonyms pseudonyms) : LiaisonAuditService.LiaisonAuditServiceBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var violations = new List<Google.Rpc.BadRequest.Types.FieldViolation>();
        var pageSize = AuditMapper.PageSize(request.PageSize, AuditMapper.DefaultPageSize);
        if (request.CaseReference.Length > 0 && !Identifiers.IsReference(request.CaseReference))
        {
            violations.Add(new() { Field = "case_reference", Description = "A case reference is 1 to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'." });
        }

        var subject = violations.Count == 0 ? pseudonyms.ForCase(request.CaseReference) : "";
        var query = AuditMapper.ToQuery(request, subject, violations);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }

        var page = await store.ListAuditEntriesAsync(query with { PageSize = pageSize }, context.CancellationToken);
        var response = new ListAuditEntriesResponse { NextPageToken = page.NextPageToken, CaseSubject = subject };
        response.AuditEntries.AddRange(page.Entries.Select(AuditMapper.ToEntry));
        return response;
    }

    public override async Task<GetAuditEntryResponse> GetAuditEntry(GetAuditEntryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var entry = await FindAsync(AuditMapper.ParseEntryName(request.Name, "name"), context.CancellationToken);
        return new GetAuditEntryResponse { AuditEntry = AuditMapper.ToEntry(entry) };
    }

    public override async Task<GetInclusionProofResponse> GetInclusionProof(GetInclusionProofRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var seq = AuditMapper.ParseEntryName(request.Name, "name");
        if (request.TreeSize < 0)
        {
            throw InvalidRequestException.For("tree_size", "A tree size is 0 (for the latest checkpoint's) or more.");
        }

        var checkpoint = request.TreeSize == 0 ? await LatestCheckpointAsync(cancellationToken) : await CheckpointOfAsync(request.TreeSize, cancellationToken);
        var treeSize = checkpoint?.TreeSize ?? request.TreeSize;
        if (treeSize < seq)
        {
            throw InvalidRequestException.For("tree_size", $"The tree of {treeSize} entries does not hold entry {seq}: ask for a tree size of at least {seq}.");
        }

        await RequireLogSizeAsync(treeSize, "tree_size", cancellationToken);
        var entry = await FindAsync(seq, cancellationToken);
        var proof = await store.GetAuditInclusionProofAsync(seq, treeSize, cancellationToken);
        var leaf = Rfc6962.HashLeaf(entry.LeafData.Span);
        var response = new GetInclusionProofResponse
        {
            LeafIndex = seq - 1,
            TreeSize = treeSize,
            LeafHash = ByteString.CopyFrom(leaf.AsSpan()),
            Checkpoint = checkpoint is null ? null : AuditMapper.ToCheckpoint(checkpoint),
        };
        response.Hashes.AddRange(proof.Path.Select(h => ByteString.CopyFrom(h.AsSpan())));
        // From the stored leaf and path: an auditor compares it with a signed root, never trusts it alone.
        if (MerkleVerifier.RootFromInclusionProof(proof.LeafIndex, proof.TreeSize, leaf, proof.Path) is { } root)
        {
            response.RootHash = ByteString.CopyFrom(root.AsSpan());
        }

        return response;
    }

    public override async Task<GetConsistencyProofResponse> GetConsistencyProof(GetConsistencyProofRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (request.FirstTreeSize < 0)
        {
            throw InvalidRequestException.For("first_tree_size", "A tree size is 0 or more.");
        }

        if (request.SecondTreeSize < 0)
        {
            throw InvalidRequestException.For("second_tree_size", "A tree size is 0 (for the latest checkpoint's) or more.");
        }

        var second = request.SecondTreeSize == 0 ? await LatestCheckpointAsync(cancellationToken) : await CheckpointOfAsync(request.SecondTreeSize, cancellationToken);
        var secondSize = second?.TreeSize ?? request.SecondTreeSize;
        if (request.FirstTreeSize > secondSize)
        {
            throw InvalidRequestException.For("first_tree_size", $"The first tree size must not exceed the second, {secondSize}.");
        }

        await RequireLogSizeAsync(secondSize, "second_tree_size", cancellationToken);
        var proof = await store.GetAuditConsistencyProofAsync(request.FirstTreeSize, secondSize, cancellationToken);
        var first = await CheckpointOfAsync(request.FirstTreeSize, cancellationToken);
        var response = new GetConsistencyProofResponse
        {
            FirstTreeSize = request.FirstTreeSize,
            SecondTreeSize = secondSize,
            FirstCheckpoint = first is null ? null : AuditMapper.ToCheckpoint(first),
            SecondCheckpoint = second is null ? null : AuditMapper.ToCheckpoint(second),
        };
        response.Hashes.AddRange(proof.Path.Select(h => ByteString.CopyFrom(h.AsSpan())));
        return response;
    }

    public override async Task<ListCheckpointsResponse> ListCheckpoints(ListCheckpointsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var pageSize = AuditMapper.PageSize(request.PageSize, AuditMapper.DefaultCheckpointPageSize);
        // The token is the smallest tree size shown; the next page is what lies below it.
        var below = request.PageToken.Length == 0 ? long.MaxValue : AuditPageTokens.Decode(request.PageToken);
        var checkpoints = await store.ListAuditCheckpointsNewestFirstAsync(below, pageSize + 1, context.CancellationToken);
        var page = checkpoints.Take(pageSize).ToList();
        var response = new ListCheckpointsResponse { NextPageToken = checkpoints.Count > pageSize ? AuditPageTokens.Encode(page[^1].TreeSize) : "" };
        response.Checkpoints.AddRange(page.Select(AuditMapper.ToCheckpoint));
        return response;
    }

    private async Task<Storage.AuditEntry> FindAsync(long seq, CancellationToken cancellationToken)
    {
        var entries = await store.ReadAuditAsync(seq, 1, cancellationToken);
        return entries.Count == 1 && entries[0].Seq == seq ? entries[0] : throw new AuditEntryNotFoundException(seq);
    }

    private async Task<AuditCheckpoint> LatestCheckpointAsync(CancellationToken cancellationToken) =>
        await store.ListAuditCheckpointsNewestFirstAsync(long.MaxValue, 1, cancellationToken) is [var latest] ? latest : throw new NoAuditCheckpointException();

    private async Task<AuditCheckpoint?> CheckpointOfAsync(long treeSize, CancellationToken cancellationToken) =>
        (await store.ListAuditCheckpointsAsync(treeSize, 1, cancellationToken)).FirstOrDefault(c => c.TreeSize == treeSize);

    private async Task RequireLogSizeAsync(long treeSize, string field, CancellationToken cancellationToken)
    {
        var head = await store.GetAuditTreeHeadAsync(cancellationToken);
        if (treeSize > head.Size)
        {
            throw InvalidRequestException.For(field, $"The audit log has {head.Size} entries: ask for a tree size of at most {head.Size}.");
        }
    }
}
