using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// A received attachment as stored: its manifest (parsed and checked for form) and the
/// metadata of its stored chunks from the same sender, in sequence order, at most as many
/// as the manifest names. Holds no chunk data.
/// </summary>
internal sealed record ReceivedAttachment(string AttachmentId, MessageSummary ManifestMessage, AttachmentManifest Manifest, IReadOnlyList<MessageSummary> Chunks)
{
    public bool IsComplete => Chunks.Count == Manifest.ChunkCount;
}
