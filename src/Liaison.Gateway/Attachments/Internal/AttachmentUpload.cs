using Liaison.Envelope.V1;
using Liaison.Gateway.Exchange;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>An upload's metadata once validated against the API's rules and the agreement: what the uploader may trust.</summary>
/// <param name="AttachmentId">Derived from this node and the request id (see <see cref="AttachmentIds.Derive"/>).</param>
/// <param name="ChunkBytes">The size of every chunk but the last.</param>
internal sealed record AttachmentUpload(
    string AttachmentId,
    string RecipientNode,
    string CaseReference,
    string CorrelationId,
    string MediaType,
    ulong SizeBytes,
    ReadOnlyMemory<byte> Sha256,
    int ChunkBytes)
{
    public uint ChunkCount => AttachmentChunking.ChunkCount(SizeBytes, ChunkBytes);

    /// <summary>The submit of one envelope of this attachment, its correlation id being the attachment id.</summary>
    public SubmitRequest Envelope(string requestId, string messageType, byte[] payload) => new(requestId, RecipientNode, messageType, payload)
    {
        CaseReference = CaseReference,
        CorrelationId = AttachmentId,
        Priority = Priority.Routine,
    };
}
