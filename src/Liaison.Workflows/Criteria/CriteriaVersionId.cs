using Google.Protobuf;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// A criteria version as cited: its number and the lower-case hex of its
/// 32-byte digest (a string, so that records compare by value).
/// </summary>
public sealed record CriteriaVersionId(uint Version, string DigestHex)
{
    /// <summary>The id of a cited reference, or null when the reference is absent or malformed.</summary>
    public static CriteriaVersionId? From(CriteriaReference? reference) =>
        reference is null || reference.Version == 0 || reference.Digest.Length != WorkflowSigning.DigestLength
            ? null
            : new CriteriaVersionId(reference.Version, Convert.ToHexStringLower(reference.Digest.Span));

    /// <summary>The wire form.</summary>
    public CriteriaReference ToReference() => new()
    {
        Version = Version,
        Digest = ByteString.CopyFrom(Convert.FromHexString(DigestHex)),
    };

    /// <inheritdoc/>
    public override string ToString() => $"v{Version} ({DigestHex[..Math.Min(12, DigestHex.Length)]}…)";
}
