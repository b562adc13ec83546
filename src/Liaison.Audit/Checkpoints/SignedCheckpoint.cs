using Liaison.Audit.Notes;

namespace Liaison.Audit.Checkpoints;

/// <summary>
/// A checkpoint inside its signed note: the log's signature and any witness
/// cosignatures. Immutable and thread-safe; the wire form is <see cref="ToString"/>.
/// </summary>
public sealed class SignedCheckpoint
{
    private SignedCheckpoint(Checkpoint checkpoint, SignedNote note)
    {
        Checkpoint = checkpoint;
        Note = note;
    }

    public Checkpoint Checkpoint { get; }

    public SignedNote Note { get; }

    /// <summary>Signs a checkpoint with the log's key (whose name should be the origin).</summary>
    public static SignedCheckpoint Sign(Checkpoint checkpoint, INoteSigner logSigner)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new SignedCheckpoint(checkpoint, SignedNote.Sign(checkpoint.ToBody(), logSigner));
    }

    /// <summary>Parses the note and then its body, both strictly. Signatures are not checked here: call <see cref="Verify"/>.</summary>
    public static SignedCheckpoint Parse(string note)
    {
        var parsed = SignedNote.Parse(note);
        return new SignedCheckpoint(Checkpoint.ParseBody(parsed.Text), parsed);
    }

    /// <summary>Checks the signature of one trusted key: the log's, or a witness's cosignature verifier.</summary>
    public NoteVerification Verify(INoteVerifier verifier) => Note.Verify(verifier);

    /// <summary>Adds a signature over the same body, typically a witness cosignature.</summary>
    public SignedCheckpoint WithSignature(INoteSigner signer) => new(Checkpoint, Note.WithSignature(signer));

    public override string ToString() => Note.ToString();
}
