using System.Text.RegularExpressions;
using Google.Rpc;
using Liaison.Crypto;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Checks an upload's metadata before anything is sealed: every field (all bad fields at
/// once, never repeating the values sent), then the agreement: the link must allow both
/// attachment message types, and the declared size must be within its max_attachment_bytes.
/// </summary>
internal static partial class AttachmentUploadValidator
{
    private const string ReferenceRule = "up to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'";

    /// <exception cref="InvalidRequestException">A field is not valid.</exception>
    /// <exception cref="EnvelopeSealException">The agreement does not allow attachments on this link.</exception>
    /// <exception cref="AttachmentRefusedException">The declared size is above the link's limit (ATTACHMENT_TOO_LARGE).</exception>
    public static AttachmentUpload Validate(AttachmentMetadata metadata, GatewayNode node)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        void Check(bool valid, string field, string description)
        {
            if (!valid)
            {
                violations.Add(new BadRequest.Types.FieldViolation { Field = "metadata." + field, Description = description });
            }
        }

        Check(metadata.RequestId.Length > 0 && Identifiers.IsReference(metadata.RequestId), "request_id", $"A request id is required, {ReferenceRule}; reuse it only to retry this upload.");
        Check(Identifiers.IsNodeId(metadata.RecipientNode), "recipient_node", "A node id is lower-case letters, digits and '-', at most 63 characters, e.g. cn-yunnan.");
        Check(Identifiers.IsReference(metadata.CaseReference), "case_reference", $"A case reference is {ReferenceRule}; it travels in clear text, so never a name.");
        Check(Identifiers.IsReference(metadata.CorrelationId), "correlation_id", $"A correlation id is {ReferenceRule}.");
        Check(metadata.MediaType.Length <= 127 && MediaTypePattern().IsMatch(metadata.MediaType), "media_type", "A media type such as image/jpeg or application/pdf is required.");
        Check(metadata.SizeBytes > 0, "size_bytes", "The size of the file in bytes is required; an attachment is not empty.");
        Check(metadata.Sha256.Length == 32, "sha256", "The SHA-256 of the file (32 bytes) is required.");
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations);
        }

        var link = node.Agreement.FindLink(node.NodeId, metadata.RecipientNode);
        if (link is null || !link.MessageTypes.Contains(AttachmentMessageTypes.Chunk) || !link.MessageTypes.Contains(AttachmentMessageTypes.Manifest))
        {
            throw new EnvelopeSealException($"The agreement does not allow attachments from {node.NodeId} to {metadata.RecipientNode}: the link must allow {AttachmentMessageTypes.Chunk} and {AttachmentMessageTypes.Manifest}.");
        }

        var chunkBytes = AttachmentChunking.ChunkBytes(node.Agreement);
        if (chunkBytes == 0)
        {
            throw new EnvelopeSealException($"The agreement's max_message_bytes of {node.Agreement.Document.MaxMessageBytes} is too small for attachment chunks.");
        }

        var max = node.Agreement.MaxAttachmentBytes(node.NodeId, metadata.RecipientNode);
        if (metadata.SizeBytes > max)
        {
            throw new AttachmentRefusedException(AttachmentRefusedException.TooLarge, "metadata.size_bytes",
                $"The attachment is larger than the agreement's limit of {max} bytes for attachments from {node.NodeId} to {metadata.RecipientNode}.");
        }

        return new AttachmentUpload(
            AttachmentIds.Derive(node.NodeId, metadata.RequestId),
            metadata.RecipientNode,
            metadata.CaseReference,
            metadata.CorrelationId,
            metadata.MediaType,
            metadata.SizeBytes,
            metadata.Sha256.ToByteArray(),
            chunkBytes);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")]
    private static partial Regex MediaTypePattern();
}
