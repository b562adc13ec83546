namespace Liaison.Audit.Notes;

/// <summary>A signed note, checkpoint or cosignature that does not follow its C2SP format; the message says which rule it breaks.</summary>
public sealed class NoteFormatException : FormatException
{
    public NoteFormatException()
    {
    }

    public NoteFormatException(string message)
        : base(message)
    {
    }

    public NoteFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
