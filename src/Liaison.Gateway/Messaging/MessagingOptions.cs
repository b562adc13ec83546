namespace Liaison.Gateway.Messaging;

/// <summary>
/// How a gateway reaches its own side's broker and paces its traffic. Mutable, as the
/// options pattern needs; <see cref="MessagingOptionsValidator"/> checks it once at start-up.
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Messaging";

    /// <summary>
    /// This side's RabbitMQ broker, e.g. <c>amqp://liaison:PASSWORD@127.0.0.1:5672/liaison</c>
    /// (the path is the virtual host). It holds a password: never logged. Null selects
    /// MassTransit's in-memory transport, for the embedded demo (see <see cref="InMemoryBorderLink"/>).
    /// </summary>
    public Uri? BrokerUri { get; set; }

    /// <summary>
    /// How this gateway encodes the envelopes and receipts it sends. Default <see cref="TransferEncoding.Binary"/>;
    /// <see cref="TransferEncoding.Json"/> while the partner's gateway is of a version that reads only JSON.
    /// Both are always read.
    /// </summary>
    public TransferEncoding TransferEncoding { get; set; } = TransferEncoding.Binary;

    /// <summary>How many inbound messages the broker may push ahead of acknowledgement. Default 256.</summary>
    public int PrefetchCount { get; set; } = 256;

    /// <summary>
    /// The most bytes of inbound messages (their bodies as received) deserialised, opened and
    /// recorded at once; more wait, in order. The prefetch counts messages, this counts bytes:
    /// ordinary messages of a few KiB never wait, 256 KiB attachment chunks go a few at a time,
    /// and one message larger than this runs alone. Default 1 MiB.
    /// </summary>
    public long InboundMaxBytesInProcess { get; set; } = 1024 * 1024;

    /// <summary>How many times a consumer retries a transient fault (busy database, broker hiccup) before the message goes to the error queue. Default 5.</summary>
    public int RetryLimit { get; set; } = 5;

    /// <summary>The first consumer retry's delay; each next one doubles, up to <see cref="RetryMaxInterval"/>. Default 200 ms.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two consumer retries. Default 10 seconds.</summary>
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most outbox rows the dispatcher claims and publishes at once. Default 256.</summary>
    public int OutboxBatchSize { get; set; } = 256;

    /// <summary>
    /// The most bytes of envelopes and receipts the dispatcher claims and publishes at once; a
    /// single row larger than this still goes, alone. Each row in flight is held several times
    /// (the stored bytes, the serialised message, the client's frame), so this bounds the
    /// dispatcher's memory when attachment chunks (256 KiB each) are queued. Default 1 MiB:
    /// four chunks, or hundreds of ordinary messages.
    /// </summary>
    public long OutboxBatchMaxBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How many claimed batches may wait for their broker confirms at once. A confirm from a quorum
    /// queue takes tens of milliseconds (the broker replicates and syncs first); with one batch at a
    /// time, the outbox could not send more than <see cref="OutboxBatchSize"/> rows per round trip
    /// whatever the gateway's speed. At most this many times <see cref="OutboxBatchMaxBytes"/> is in
    /// flight. Default 4.
    /// </summary>
    public int OutboxBatchesInFlight { get; set; } = 4;

    /// <summary>How often the dispatcher looks for outbox rows that fell due without a wake-up (retries). Default 1 second.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first publish retry's delay; each next one doubles, up to <see cref="PublishRetryMaxDelay"/>. Default 1 second.</summary>
    public TimeSpan PublishRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay before a failed publish is tried again. Default 1 minute.</summary>
    public TimeSpan PublishRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one publish may wait for the broker's confirm before it counts as failed and is
    /// rescheduled. A broker that goes away with publishes in flight may never answer them; without
    /// this bound the dispatcher would wait for ever. Default 30 seconds.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The AMQP heartbeat asked of this side's broker. A connection that dies without being closed
    /// (a firewall or NAT that drops it, a broker host that vanishes) is noticed only when
    /// heartbeats stop, and until then the gateway neither consumes nor publishes on it. The
    /// client's default is 60 seconds, so a minute or two without consuming; RabbitMQ advises
    /// 5 to 20 seconds. Between 5 seconds and 10 minutes; default 10 seconds.
    /// </summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long start-up waits for the broker before the gateway refuses to start. Default 30 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after its envelope's expiry an outbound message without a receipt is marked
    /// Expired: a receipt signed in time may still be crossing the border link. Default 5 minutes.
    /// </summary>
    public TimeSpan ExpiryGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the expiry sweeper looks for outbound messages past expiry and grace. Default 1 minute.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
