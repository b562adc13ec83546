using System.Collections.Immutable;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// The decision a witness makes for one log, as a pure function of what it saw
/// last and what it is shown now: it stores nothing and does no I/O. The caller
/// keeps the latest cosigned checkpoint per origin, and must serialise calls per
/// origin so that two checkpoints are not both judged against the same "last seen".
/// Thread-safe.
/// </summary>
/// <param name="origin">The origin of the log this witness follows.</param>
/// <param name="logVerifier">The log's checkpoint key.</param>
/// <param name="cosigner">The witness's own cosigning key.</param>
public sealed class Witness(string origin, INoteVerifier logVerifier, INoteSigner cosigner)
{
    private readonly string _origin = origin ?? throw new ArgumentNullException(nameof(origin));
    private readonly INoteVerifier _log = logVerifier ?? throw new ArgumentNullException(nameof(logVerifier));
    private readonly INoteSigner _cosigner = cosigner ?? throw new ArgumentNullException(nameof(cosigner));

    /// <param name="lastSeen">The latest checkpoint this witness cosigned for the origin, or null for the first one.</param>
    /// <param name="presentedNote">The signed checkpoint as received.</param>
    /// <param name="consistencyProof">PROOF(lastSeen.Size, presented.Size); empty for the first checkpoint or an equal size.</param>
    public WitnessDecision Evaluate(SignedCheckpoint? lastSeen, string presentedNote, IReadOnlyList<MerkleHash> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(presentedNote);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        SignedCheckpoint presented;
        try
        {
            presented = SignedCheckpoint.Parse(presentedNote);
        }
        catch (NoteFormatException e)
        {
            return new WitnessDecision(WitnessVerdict.Malformed, e.Message);
        }
        var checkpoint = presented.Checkpoint;
        if (checkpoint.Origin != _origin)
        {
            return new WitnessDecision(WitnessVerdict.UnknownOrigin, $"This witness follows '{_origin}', not '{checkpoint.Origin}'.", presented);
        }
        var signature = presented.Verify(_log);
        if (signature != NoteVerification.Verified)
        {
            var what = signature == NoteVerification.NotSigned ? "carries no signature of" : "has a signature that fails for";
            return new WitnessDecision(WitnessVerdict.BadSignature, $"The checkpoint {what} the log key '{_log.KeyName}' ({_log.KeyHash:x8}).", presented);
        }

        var seenSize = lastSeen?.Checkpoint.Size ?? 0;
        var seenRoot = lastSeen?.Checkpoint.Root ?? Rfc6962.EmptyRoot;
        if (checkpoint.Size < seenSize)
        {
            return new WitnessDecision(WitnessVerdict.OlderSize, $"Size {checkpoint.Size} is older than the size {seenSize} already cosigned.", presented);
        }
        if (lastSeen is not null && checkpoint.Size == seenSize && checkpoint.Root != seenRoot)
        {
            return new WitnessDecision(WitnessVerdict.Fork,
                $"Two signed checkpoints of size {seenSize} with different roots ({seenRoot.ToHex()} and {checkpoint.Root.ToHex()}): the log forked.",
                presented, Evidence: new ForkEvidence(lastSeen, presented, [.. consistencyProof]));
        }
        if (!MerkleVerifier.VerifyConsistency(seenSize, checkpoint.Size, consistencyProof, seenRoot, checkpoint.Root))
        {
            return new WitnessDecision(WitnessVerdict.InconsistentProof,
                $"The consistency proof from size {seenSize} to size {checkpoint.Size} does not verify.",
                presented, Evidence: lastSeen is null ? null : new ForkEvidence(lastSeen, presented, [.. consistencyProof]));
        }
        return new WitnessDecision(WitnessVerdict.Cosigned, $"Size {checkpoint.Size} is consistent with size {seenSize}.",
            presented, presented.WithSignature(_cosigner));
    }
}
