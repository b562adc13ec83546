using System.Threading.Channels;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Exchange;

/// <summary>One open follower of the inbox, from <see cref="InboxNotifier.Subscribe"/>. Read by one caller at a time.</summary>
public sealed class InboxSubscription : IDisposable
{
    private readonly ChannelReader<MessageRecord> reader;
    private Action? unsubscribe;

    internal InboxSubscription(ChannelReader<MessageRecord> reader, Action unsubscribe)
    {
        this.reader = reader;
        this.unsubscribe = unsubscribe;
    }

    /// <summary>Messages in the order they were recorded, until cancelled or disposed.</summary>
    /// <exception cref="InboxSubscriberFellBehindException">This subscriber could not keep up.</exception>
    public IAsyncEnumerable<MessageRecord> ReadAllAsync(CancellationToken cancellationToken) => reader.ReadAllAsync(cancellationToken);

    public void Dispose() => Interlocked.Exchange(ref unsubscribe, null)?.Invoke();
}
