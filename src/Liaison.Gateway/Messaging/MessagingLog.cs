using Liaison.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// The messaging log lines, source-generated with stable event ids. They carry ids,
/// states and reason codes only: never payload, personal data or key material. The
/// envelope id and case reference come from <see cref="EnvelopeScope"/>.
/// </summary>
internal static partial class MessagingLog
{
    private static readonly Func<ILogger, Guid, string, IDisposable?> Scope =
        LoggerMessage.DefineScope<Guid, string>("Envelope {EnvelopeId}, case {CaseReference}");

    /// <summary>Puts the envelope id and case reference on every line logged inside it.</summary>
    public static IDisposable? EnvelopeScope(this ILogger logger, Guid envelopeId, string caseReference) =>
        Scope(logger, envelopeId, caseReference);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Envelope from {PeerNode} verified and stored; receipt queued")]
    public static partial void EnvelopeStored(this ILogger logger, string peerNode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Envelope from {PeerNode} arrived again (already {State}); nothing stored, original receipt sent again")]
    public static partial void EnvelopeDuplicate(this ILogger logger, string peerNode, MessageState state);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Envelope from {PeerNode} refused ({ReasonCode}): {Detail}")]
    public static partial void EnvelopeRefused(this ILogger logger, string peerNode, string reasonCode, string detail);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "An envelope without a readable header was refused ({ReasonCode}): {Detail}")]
    public static partial void UnreadableEnvelopeRefused(this ILogger logger, string reasonCode, string detail);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Verified receipt from {PeerNode} recorded; message {State}")]
    public static partial void ReceiptRecorded(this ILogger logger, string peerNode, MessageState state);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Debug, Message = "Receipt from {PeerNode} arrived again; nothing changed")]
    public static partial void ReceiptDuplicate(this ILogger logger, string peerNode);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Receipt refused ({ReasonCode}): {Detail}")]
    public static partial void ReceiptRefused(this ILogger logger, string reasonCode, string detail);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Critical, Message = "SPLIT VIEW: a receipt from {PeerNode} carries a checkpoint of its audit log of size {TreeSize} with root {ReceiptRoot}, but this node cosigned root {WitnessedRoot} at that size; keep both stores and tell the partner's operators")]
    public static partial void ReceiptCheckpointSplitView(this ILogger logger, string peerNode, long treeSize, string receiptRoot, string witnessedRoot);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Published {Published} outbox items; {Failed} failed and were rescheduled")]
    public static partial void OutboxBatchPublished(this ILogger logger, int published, int failed);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Publish of outbox item {OutboxId} ({Kind} for {Destination}) failed with {ExceptionType}; code {ErrorCode}, next attempt at {NextAttempt:O}")]
    public static partial void PublishFailed(this ILogger logger, long outboxId, OutboxKind kind, string destination, string exceptionType, string errorCode, DateTimeOffset nextAttempt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "The outbox dispatcher could not reach the store ({ExceptionType}); trying again after the poll interval")]
    public static partial void OutboxStoreUnavailable(this ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "In-memory border link from {FromNode} to {ToNode} is up")]
    public static partial void BorderLinkUp(this ILogger logger, string fromNode, string toNode);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Information, Message = "Consuming {Queue}")]
    public static partial void InboundConsuming(this ILogger logger, string queue);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Information, Message = "Consuming {Queue} again after {Downtime}")]
    public static partial void InboundConsumingAgain(this ILogger logger, string queue, TimeSpan downtime);

    [LoggerMessage(EventId = 2213, Level = LogLevel.Information, Message = "Stopping consuming {Queue}")]
    public static partial void InboundStopping(this ILogger logger, string queue);

    [LoggerMessage(EventId = 2214, Level = LogLevel.Information, Message = "Not consuming {Queue} after {DeliveryCount} deliveries on that connection; MassTransit reconnects unless the gateway is stopping")]
    public static partial void InboundNotConsuming(this ILogger logger, string queue, long deliveryCount);

    [LoggerMessage(EventId = 2215, Level = LogLevel.Warning, Message = "Consuming {Queue} failed ({ExceptionType}: {Reason}); MassTransit retries with backoff, and envelopes wait in the queue meanwhile")]
    public static partial void InboundFaulted(this ILogger logger, string queue, string exceptionType, string reason);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "{Count} outbound messages expired without a receipt")]
    public static partial void MessagesExpired(this ILogger logger, int count);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "The expiry sweeper could not reach the store ({ExceptionType}); trying again at the next sweep")]
    public static partial void ExpirySweepFailed(this ILogger logger, string exceptionType);
}
