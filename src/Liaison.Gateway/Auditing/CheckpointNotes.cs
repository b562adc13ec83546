using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// Checks a node's signed checkpoint as an auditor does, away from the node: the note parses,
/// names the node's log, and carries a valid signature by a key the agreement lists for the
/// node at the time given, in either suite. Thread-safe.
/// </summary>
public static class CheckpointNotes
{
    /// <summary>The checkpoint the note signs, or null with <paramref name="problem"/> saying why it is not to be trusted.</summary>
    /// <param name="at">When the node says it signed it: its key must have been valid then.</param>
    public static Checkpoint? Verify(string note, AgreementInForce agreement, string nodeId, DateTimeOffset at, out string problem)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        SignedCheckpoint parsed;
        try
        {
            parsed = SignedCheckpoint.Parse(note);
        }
        catch (NoteFormatException e)
        {
            problem = $"The checkpoint is not a valid signed note: {e.Message}";
            return null;
        }

        var origin = AuditLogOrigin.For(nodeId);
        if (parsed.Checkpoint.Origin != origin)
        {
            problem = $"The checkpoint is of the log '{parsed.Checkpoint.Origin}', not '{origin}'.";
            return null;
        }

        var outcomes = Enum.GetValues<Suite>()
            .Where(suite => suite is Suite.InternationalV1 or Suite.GmV1 && NodeStatements.CurrentSigningKey(agreement, nodeId, suite, at) is not null)
            .Select(suite => parsed.Verify(new NodeNoteVerifier(agreement, nodeId, suite, at)))
            .ToList();
        if (outcomes.Contains(NoteVerification.Verified))
        {
            problem = "";
            return parsed.Checkpoint;
        }

        problem = outcomes.Contains(NoteVerification.BadSignature)
            ? $"The checkpoint's signature by {nodeId} does not verify."
            : $"The checkpoint carries no signature by a key of {nodeId} that the agreement lists as valid at {at:O}.";
        return null;
    }
}
