using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Google.Protobuf;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;

namespace Liaison.Gateway.Attachments.Internal;

/// <summary>
/// Reads a received attachment's chunks from the store one at a time, in order, so that no
/// more than one chunk is in memory, checking that each is the chunk of this attachment that
/// belongs in its place and that together they have the manifest's size.
/// </summary>
internal static class AttachmentChunks
{
    /// <exception cref="AttachmentCorruptException">A chunk is missing its payload, out of place or the sizes disagree.</exception>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(IGatewayStore store, ReceivedAttachment attachment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var id = attachment.AttachmentId;
        ulong total = 0;
        for (var index = 0; index < attachment.Chunks.Count; index++)
        {
            var payload = await store.GetPayloadAsync(attachment.Chunks[index].EnvelopeId, cancellationToken)
                ?? throw new AttachmentCorruptException(id, $"chunk {index} has no stored payload.");
            AttachmentChunk chunk;
            try
            {
                chunk = AttachmentChunk.Parser.ParseFrom(payload.Span);
            }
            catch (InvalidProtocolBufferException)
            {
                throw new AttachmentCorruptException(id, $"chunk {index} is not an attachment chunk.");
            }

            if (chunk.AttachmentId != id || chunk.Index != index || chunk.Data.IsEmpty)
            {
                throw new AttachmentCorruptException(id, $"the chunk in place {index} is not chunk {index} of this attachment.");
            }

            total += (ulong)chunk.Data.Length;
            if (total > attachment.Manifest.SizeBytes)
            {
                throw new AttachmentCorruptException(id, "the chunks hold more bytes than the manifest says.");
            }

            yield return chunk.Data.Memory;
        }

        if (total != attachment.Manifest.SizeBytes)
        {
            throw new AttachmentCorruptException(id, "the chunks hold fewer bytes than the manifest says.");
        }
    }

    /// <summary>Reads every chunk once and compares the SHA-256 of the whole with the manifest's.</summary>
    /// <exception cref="AttachmentCorruptException">They differ, or a chunk is out of place.</exception>
    public static async Task VerifyAsync(IGatewayStore store, ReceivedAttachment attachment, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await foreach (var data in ReadAsync(store, attachment, cancellationToken))
        {
            hash.AppendData(data.Span);
        }

        EnsureDigest(attachment, hash);
    }

    /// <exception cref="AttachmentCorruptException">The hash so far is not the manifest's SHA-256.</exception>
    public static void EnsureDigest(ReceivedAttachment attachment, IncrementalHash hash)
    {
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), attachment.Manifest.Sha256.Span))
        {
            throw new AttachmentCorruptException(attachment.AttachmentId, "the SHA-256 of its bytes differs from the manifest's.");
        }
    }
}
