using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// One broker message to send: a single outbox item, or a frame of several of the same kind for
/// the same partner (<see cref="Contracts.EnvelopesTransferred"/>, <see cref="Contracts.ReceiptsTransferred"/>).
/// </summary>
public sealed record OutboxFrame(string Destination, OutboxKind Kind, IReadOnlyList<OutboxItem> Items);

/// <summary>
/// Packs a dispatch batch into frames. Under load, every broker message costs the same
/// whatever it carries (a publish, a confirm, a queue entry on each broker, a shovel hop, a
/// delivery and an ack, and the buses' pipelines on both sides), so small items travel
/// together: up to <see cref="MaxItems"/> and <see cref="MaxBytes"/> bytes a frame. An item
/// larger than <see cref="MaxItemBytes"/> (an attachment chunk) always travels alone, and so
/// does an item with no company: a quiet link sends exactly what it did before frames.
/// Items keep their order within a frame and frames keep the batch's order.
/// </summary>
public static class OutboxFrames
{
    public const int MaxItems = 64;

    /// <summary>Well under the receiving side's in-process byte bound (1 MiB by default), even as base64 in JSON (TransferEncoding.Json).</summary>
    public const int MaxBytes = 256 * 1024;

    public const int MaxItemBytes = 32 * 1024;

    public static IReadOnlyList<OutboxFrame> Pack(IReadOnlyList<OutboxItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var frames = new List<OutboxFrame>();
        var open = new Dictionary<(string Destination, OutboxKind Kind), (List<OutboxItem> Items, long Bytes)>();
        foreach (var item in items)
        {
            if (item.Bytes.Length > MaxItemBytes)
            {
                frames.Add(new OutboxFrame(item.Destination, item.Kind, [item]));
                continue;
            }

            var key = (item.Destination, item.Kind);
            if (open.TryGetValue(key, out var frame) && (frame.Items.Count >= MaxItems || frame.Bytes + item.Bytes.Length > MaxBytes))
            {
                frames.Add(new OutboxFrame(key.Destination, key.Kind, frame.Items));
                open.Remove(key);
            }

            if (!open.TryGetValue(key, out frame))
            {
                frame = ([], 0);
            }

            frame.Items.Add(item);
            open[key] = (frame.Items, frame.Bytes + item.Bytes.Length);
        }

        frames.AddRange(open.Select(f => new OutboxFrame(f.Key.Destination, f.Key.Kind, f.Value.Items)));
        return frames;
    }
}
