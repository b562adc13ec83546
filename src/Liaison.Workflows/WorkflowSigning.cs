using System.Text;

namespace Liaison.Workflows;

/// <summary>
/// Exactly which bytes a workflow signature covers: the ASCII domain-separation
/// label, one zero byte, then the 32-byte SHA-256 digest. The label keeps a
/// signature over a criteria catalogue from ever being accepted as a signature
/// over a handover record (or an envelope) with the same digest. The gateway
/// calls these to sign; the folds call them to verify.
/// </summary>
public static class WorkflowSigning
{
    /// <summary>The label for criteria catalogues.</summary>
    public const string CriteriaCatalogueLabel = "liaison.workflow.v1.criteria-catalogue";

    /// <summary>The label for handover records.</summary>
    public const string HandoverRecordLabel = "liaison.workflow.v1.handover-record";

    /// <summary>The length of a SHA-256 digest.</summary>
    public const int DigestLength = 32;

    /// <summary>The bytes signed to propose or endorse the catalogue with this digest.</summary>
    public static byte[] CriteriaCatalogueBytes(ReadOnlySpan<byte> catalogueDigest) => Bytes(CriteriaCatalogueLabel, catalogueDigest);

    /// <summary>The bytes signed to sign the handover record with this digest.</summary>
    public static byte[] HandoverRecordBytes(ReadOnlySpan<byte> recordDigest) => Bytes(HandoverRecordLabel, recordDigest);

    private static byte[] Bytes(string label, ReadOnlySpan<byte> digest)
    {
        if (digest.Length != DigestLength)
        {
            throw new ArgumentException($"A workflow digest is {DigestLength} bytes, not {digest.Length}.", nameof(digest));
        }
        var labelBytes = Encoding.ASCII.GetBytes(label);
        var bytes = new byte[labelBytes.Length + 1 + DigestLength];
        labelBytes.CopyTo(bytes, 0);
        digest.CopyTo(bytes.AsSpan(labelBytes.Length + 1));
        return bytes;
    }
}
