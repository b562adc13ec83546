using Liaison.Audit.Checkpoints;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// The outcome of <see cref="Witness.Evaluate"/>. When cosigned,
/// <see cref="Cosigned"/> is the presented note with the witness's cosignature
/// appended, and the caller stores its checkpoint as the latest seen.
/// </summary>
/// <param name="Reason">A sentence for logs and alerts; carries no personal data (only sizes, roots and key names).</param>
/// <param name="Presented">The parsed checkpoint, when it parsed.</param>
/// <param name="Evidence">Both checkpoints, for a fork or an inconsistent proof.</param>
public sealed record WitnessDecision(
    WitnessVerdict Verdict,
    string Reason,
    SignedCheckpoint? Presented = null,
    SignedCheckpoint? Cosigned = null,
    ForkEvidence? Evidence = null)
{
    public bool IsCosigned => Verdict == WitnessVerdict.Cosigned;
}
