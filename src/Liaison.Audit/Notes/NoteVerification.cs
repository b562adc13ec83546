namespace Liaison.Audit.Notes;

/// <summary>The outcome of checking a note against one trusted key.</summary>
public enum NoteVerification
{
    /// <summary>A line of the key (name and key ID) verified.</summary>
    Verified,

    /// <summary>No line carries the key's name and key ID.</summary>
    NotSigned,

    /// <summary>A line of the key is there but does not verify: the note was changed or forged.</summary>
    BadSignature,
}
