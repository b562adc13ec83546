using Liaison.Audit.Merkle;
using Liaison.Audit.Witnessing;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// An inconsistency found in an audit log by its witness, kept with both signed checkpoints
/// as evidence: on the witness, which raised it, and on the log's node, which was told.
/// </summary>
/// <param name="Origin">The log found inconsistent.</param>
/// <param name="Witness">The node that found it.</param>
/// <param name="Kind"><see cref="WitnessVerdict.Fork"/> or <see cref="WitnessVerdict.InconsistentProof"/>.</param>
/// <param name="SeenNote">The checkpoint the witness had cosigned before.</param>
/// <param name="PresentedNote">The checkpoint that contradicts it, as received.</param>
/// <param name="Reason">A sentence of sizes and roots.</param>
/// <param name="EnvelopeId">The message that carried the contradiction (on the witness) or the alert (on the log's node).</param>
public sealed record WitnessAlert(
    string Origin,
    string Witness,
    WitnessVerdict Kind,
    string SeenNote,
    string PresentedNote,
    IReadOnlyList<MerkleHash> ConsistencyProof,
    string Reason,
    Guid EnvelopeId,
    DateTimeOffset RaisedAt);
