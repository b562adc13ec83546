using Google.Protobuf.WellKnownTypes;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using StoredDirection = Liaison.Gateway.Storage.MessageDirection;
using StoredState = Liaison.Gateway.Storage.MessageState;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>Stored records as API resources. Never copies the payload: only FetchMessage returns it.</summary>
internal static class MessageMapper
{
    public static Message ToMessage(MessageRecord record) => new()
    {
        Name = MessageNames.Format(record.EnvelopeId),
        EnvelopeId = record.EnvelopeId.ToString("D"),
        Direction = record.Direction == StoredDirection.Outbound ? V1.MessageDirection.Outbound : V1.MessageDirection.Inbound,
        PeerNode = record.PeerNode,
        MessageType = record.MessageType,
        CaseReference = record.CaseReference,
        CorrelationId = record.CorrelationId,
        Priority = record.Priority,
        Sequence = record.Sequence,
        State = ToState(record.State),
        RejectionReason = record.RejectionReason,
        CreateTime = Millis(record.CreatedAt),
        UpdateTime = Millis(record.UpdatedAt),
        ExpireTime = Millis(record.ExpiresAt),
        PayloadSizeBytes = (ulong)(record.Payload?.Length ?? 0),
        ReceiptLog = ReceiptLogOf(record),
    };

    /// <summary>
    /// The receiver's log position the message's receipt carries: on the sender, a receipt is
    /// kept only once its checkpoint verified; on the receiver, it is the one this node signed.
    /// </summary>
    private static V1.ReceiptLogPosition? ReceiptLogOf(MessageRecord record)
    {
        if (record.ReceiptBytes is not { } bytes)
        {
            return null;
        }

        try
        {
            var receipt = Liaison.Envelope.V1.Receipt.Parser.ParseFrom(Liaison.Envelope.V1.SignedReceipt.Parser.ParseFrom(bytes.Span).Receipt);
            if (receipt.ReceiverLog is not { } log)
            {
                return null;
            }

            var checkpoint = Liaison.Audit.Checkpoints.SignedCheckpoint.Parse(log.Checkpoint).Checkpoint;
            return new V1.ReceiptLogPosition { LogNode = receipt.ReceiverNode, LeafIndex = log.LeafIndex, TreeSize = checkpoint.Size, Checkpoint = log.Checkpoint };
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or Liaison.Audit.Notes.NoteFormatException)
        {
            // Not expected (the sender verified the receipt, or this node signed it), and no reason not to show the message.
            return null;
        }
    }

    // The store keeps milliseconds, but a fresh submit returns the clock's full precision:
    // truncating here makes a retry's answer equal to the first one.
    private static Timestamp Millis(DateTimeOffset time) =>
        Timestamp.FromDateTimeOffset(time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond)));

    public static V1.MessageState ToState(StoredState state) => state switch
    {
        StoredState.Accepted => V1.MessageState.Accepted,
        StoredState.Sealed => V1.MessageState.Sealed,
        StoredState.Published => V1.MessageState.Published,
        StoredState.Delivered => V1.MessageState.Delivered,
        StoredState.Rejected => V1.MessageState.Rejected,
        StoredState.Expired => V1.MessageState.Expired,
        StoredState.Received => V1.MessageState.Received,
        StoredState.Verified => V1.MessageState.Verified,
        StoredState.Stored => V1.MessageState.Stored,
        _ => V1.MessageState.Unspecified,
    };
}
