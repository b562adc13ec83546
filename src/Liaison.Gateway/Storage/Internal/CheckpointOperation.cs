using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Signs a checkpoint of the audit log as it stands in the writer (so no entry can slip
/// in between reading the tree head and signing it) and stores it, when the log has
/// grown since the last one. Not itself audited: that would grow the log every time.
/// </summary>
internal static class CheckpointOperation
{
    public static async Task<AuditCheckpoint?> RunAsync(WriteContext context, string origin, INoteSigner signer, CancellationToken cancellationToken)
    {
        var size = context.Audit.Size;
        if (size == 0 || await CheckpointTable.LatestSizeAsync(context.Session, cancellationToken) >= size)
        {
            return null;
        }

        var root = context.Audit.Root;
        var note = SignedCheckpoint.Sign(new Checkpoint(origin, (ulong)size, root), signer).ToString();
        var checkpoint = new AuditCheckpoint(size, root, note, DbValues.Time(DbValues.Millis(context.Now)));
        await CheckpointTable.InsertAsync(context.Session, checkpoint, cancellationToken);
        return checkpoint;
    }
}
