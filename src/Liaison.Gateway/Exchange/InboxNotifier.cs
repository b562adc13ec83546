using System.Threading.Channels;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Exchange;

/// <summary>
/// Fans committed inbound messages out to the open inbox streams. Each subscriber has
/// a bounded queue: one that falls more than <see cref="SubscriberCapacity"/> messages
/// behind is ended with <see cref="InboxSubscriberFellBehindException"/> rather than
/// slowing the consumer that records messages. It then resumes from the inbox listing,
/// which is durable, so nothing is lost. Thread-safe; registered as a singleton.
/// </summary>
public sealed class InboxNotifier : IInboxNotifications
{
    public const int SubscriberCapacity = 1024;

    private readonly Lock gate = new();

    // Copy-on-write: the consumer's notify path reads it without taking the lock.
    private Channel<MessageRecord>[] subscribers = [];

    public void MessageRecorded(MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Direction != MessageDirection.Inbound)
        {
            return;
        }

        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            if (!subscriber.Writer.TryWrite(message))
            {
                subscriber.Writer.TryComplete(new InboxSubscriberFellBehindException());
            }
        }
    }

    /// <summary>Starts receiving messages recorded from now on. Dispose to stop.</summary>
    public InboxSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<MessageRecord>(new BoundedChannelOptions(SubscriberCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        lock (gate)
        {
            subscribers = [.. subscribers, channel];
        }

        return new InboxSubscription(channel.Reader, () => Remove(channel));
    }

    private void Remove(Channel<MessageRecord> channel)
    {
        lock (gate)
        {
            subscribers = [.. subscribers.Where(s => s != channel)];
        }

        channel.Writer.TryComplete();
    }
}
