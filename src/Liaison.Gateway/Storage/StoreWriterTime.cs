namespace Liaison.Gateway.Storage;

/// <summary>How long the store's writer has spent in one <see cref="StoreWriterPhase"/>, and how many times it entered it.</summary>
/// <param name="Count">Writes of the kind that ran; for <see cref="StoreWriterPhase.BatchEnd"/> and <see cref="StoreWriterPhase.Commit"/>, transactions.</param>
public sealed record StoreWriterTime(StoreWriterPhase Phase, long Count, TimeSpan Elapsed)
{
    /// <summary>This counter less an earlier reading of it: what a stretch of work cost.</summary>
    public static StoreWriterTime operator -(StoreWriterTime after, StoreWriterTime before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        return new(after.Phase, after.Count - before.Count, after.Elapsed - before.Elapsed);
    }
}
