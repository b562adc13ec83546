namespace Liaison.Gateway.Protection.Internal;

/// <summary>
/// One reusable array per encrypted column for large fields. An attachment chunk's payload and
/// its inbound envelope are each about 256 KiB, and their encrypted copies are needed only until
/// the INSERT has run (both drivers copy parameter values while executing). Allocating them anew
/// doubled the large-object-heap churn per chunk and, under load, pushed a gateway's peak resident
/// size past the size of a 20 MB attachment (AttachmentRoundTripTests). Chunks are of equal size,
/// so one array per column serves them all; a taken array is gone from its slot until returned,
/// so two writers never share one.
/// </summary>
internal sealed class FieldScratch
{
    /// <summary>Smaller fields are allocated as usual: they die young in gen0.</summary>
    public const int MinimumLength = 64 * 1024;

    private readonly byte[]?[] slots = new byte[]?[2];

    public const int PayloadSlot = 0;
    public const int EnvelopeSlot = 1;

    /// <summary>The slot's array when it has exactly <paramref name="length"/> bytes, taken out of the slot; otherwise null.</summary>
    public byte[]? Take(int slot, int length)
    {
        if (length < MinimumLength)
        {
            return null;
        }

        var array = Interlocked.Exchange(ref slots[slot], null);
        return array?.Length == length ? array : null;
    }

    /// <summary>Puts an array back for the next write, once the statement that used it has run.</summary>
    public void Return(int slot, byte[]? array)
    {
        if (array is { Length: >= MinimumLength })
        {
            Volatile.Write(ref slots[slot], array);
        }
    }
}
