using Google.Protobuf;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using ApiDirection = Liaison.Gateway.V1.MessageDirection;
using StoredDirection = Liaison.Gateway.Storage.MessageDirection;
using StoredState = Liaison.Gateway.Storage.MessageState;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Finds attachments in the store by their envelopes' correlation id and describes them. An
/// attachment exists on a node once its manifest does: a sending node's committed manifest,
/// or a received manifest stored here. Chunks without a manifest are not an attachment.
/// </summary>
internal sealed class AttachmentCatalog(IGatewayStore store)
{
    /// <summary>Beyond any agreement's limit (16 GiB in chunks of at least 1 KiB).</summary>
    private const int MaxChunks = 1 << 24;

    /// <summary>The attachment's status; for a complete received one, after reading it once to check its SHA-256.</summary>
    /// <exception cref="AttachmentNotFoundException">Neither a sent nor a received manifest with this id is here.</exception>
    public async Task<Attachment> DescribeAsync(string attachmentId, CancellationToken cancellationToken)
    {
        var sent = await store.ListByCorrelationAsync(StoredDirection.Outbound, attachmentId, AttachmentMessageTypes.Manifest, 1, cancellationToken);
        if (sent.Count > 0)
        {
            return await DescribeSentAsync(attachmentId, sent[0], cancellationToken);
        }

        var received = await FindReceivedAsync(attachmentId, cancellationToken);
        var state = AttachmentState.Receiving;
        if (received.IsComplete)
        {
            try
            {
                await AttachmentChunks.VerifyAsync(store, received, cancellationToken);
                state = AttachmentState.Received;
            }
            catch (AttachmentCorruptException)
            {
                state = AttachmentState.Corrupt;
            }
        }

        return Describe(received, state);
    }

    /// <summary>Whether this node sent an attachment with this id (its manifest is committed here).</summary>
    public async Task<bool> WasSentHereAsync(string attachmentId, CancellationToken cancellationToken) =>
        (await store.ListByCorrelationAsync(StoredDirection.Outbound, attachmentId, AttachmentMessageTypes.Manifest, 1, cancellationToken)).Count > 0;

    /// <summary>A received attachment's manifest and stored chunks, without reading any chunk.</summary>
    /// <exception cref="AttachmentNotFoundException">No stored manifest with this id.</exception>
    /// <exception cref="AttachmentCorruptException">The manifest is not one.</exception>
    public async Task<ReceivedAttachment> FindReceivedAsync(string attachmentId, CancellationToken cancellationToken)
    {
        var manifests = await store.ListByCorrelationAsync(StoredDirection.Inbound, attachmentId, AttachmentMessageTypes.Manifest, 16, cancellationToken);
        var message = manifests.FirstOrDefault(m => m.State == StoredState.Stored) ?? throw AttachmentNotFoundException.For(attachmentId);
        var payload = await store.GetPayloadAsync(message.EnvelopeId, cancellationToken) ?? throw AttachmentNotFoundException.For(attachmentId);
        AttachmentManifest manifest;
        try
        {
            manifest = AttachmentManifest.Parser.ParseFrom(payload.Span);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new AttachmentCorruptException(attachmentId, "the manifest is not an attachment manifest.");
        }

        if (manifest.AttachmentId != attachmentId || manifest.Sha256.Length != 32 || manifest.ChunkCount is 0 or > MaxChunks || manifest.SizeBytes < manifest.ChunkCount)
        {
            throw new AttachmentCorruptException(attachmentId, "the manifest's id, digest, size or chunk count is not well formed.");
        }

        // Refused copies and envelopes from another sender with the same correlation id are not chunks of this attachment.
        var listed = await store.ListByCorrelationAsync(StoredDirection.Inbound, attachmentId, AttachmentMessageTypes.Chunk, (int)Math.Min(MaxChunks, (manifest.ChunkCount * 2L) + 16), cancellationToken);
        var chunks = listed.Where(c => c.State == StoredState.Stored && c.PeerNode == message.PeerNode).Take((int)manifest.ChunkCount).ToList();
        return new ReceivedAttachment(attachmentId, message, manifest, chunks);
    }

    public static Attachment Describe(ReceivedAttachment received, AttachmentState state) => new()
    {
        Name = AttachmentIds.Name(received.AttachmentId),
        AttachmentId = received.AttachmentId,
        Direction = ApiDirection.Inbound,
        PeerNode = received.ManifestMessage.PeerNode,
        CaseReference = received.ManifestMessage.CaseReference,
        State = state,
        ChunkCount = received.Manifest.ChunkCount,
        ChunksReceived = (uint)received.Chunks.Count,
        SizeBytes = received.Manifest.SizeBytes,
        Sha256 = received.Manifest.Sha256,
        MediaType = received.Manifest.MediaType,
        CorrelationId = received.Manifest.CorrelationId,
    };

    private async Task<Attachment> DescribeSentAsync(string attachmentId, MessageSummary manifest, CancellationToken cancellationToken)
    {
        var chunks = await store.ListByCorrelationAsync(StoredDirection.Outbound, attachmentId, AttachmentMessageTypes.Chunk, MaxChunks, cancellationToken);
        List<MessageSummary> all = [.. chunks, manifest];
        return new Attachment
        {
            Name = AttachmentIds.Name(attachmentId),
            AttachmentId = attachmentId,
            Direction = ApiDirection.Outbound,
            PeerNode = manifest.PeerNode,
            CaseReference = manifest.CaseReference,
            State = SentState(all),
            ChunkCount = (uint)chunks.Count,
            ChunksDelivered = (uint)chunks.Count(c => c.State == StoredState.Delivered),
        };
    }

    public static AttachmentState SentState(IReadOnlyCollection<MessageSummary> envelopes) =>
        envelopes.Any(e => e.State is StoredState.Rejected or StoredState.Expired) ? AttachmentState.Failed
        : envelopes.All(e => e.State == StoredState.Delivered) ? AttachmentState.Delivered
        : AttachmentState.Sending;
}
