using Google.Protobuf.Reflection;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Rejection reasons as the audit trail writes them: their proto names, e.g.
/// "REJECTION_REASON_BAD_SIGNATURE". Those are stable, language-neutral and what
/// an auditor finds in the envelope spec, unlike C# member names.
/// </summary>
internal static class ReasonCodes
{
    private static readonly EnumDescriptor Reasons =
        EnvelopeReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(RejectionReason));

    /// <summary>Empty for <see cref="RejectionReason.Unspecified"/>.</summary>
    public static string Of(RejectionReason reason) =>
        reason == RejectionReason.Unspecified ? "" :
        Reasons.FindValueByNumber((int)reason)?.Name ?? throw new ArgumentOutOfRangeException(nameof(reason), "The rejection reason is not one the envelope format defines.");
}
