using System.Net.Mime;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;
using Google.Protobuf;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Transport.V1;
using MassTransit;
using MassTransit.Serialization;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// The binary transfer encoding of the four message contracts between gateways
/// (<see cref="EnvelopeTransferred"/>, <see cref="EnvelopesTransferred"/>, <see cref="ReceiptTransferred"/>,
/// <see cref="ReceiptsTransferred"/>): the body is a <c>liaison.transport.v1.TransferFrame</c>,
/// content type <see cref="BinaryContentType"/>, and MassTransit's own fields (message id,
/// correlation id) travel as transport headers.
/// <para>
/// MassTransit's default JSON envelope carries each envelope's bytes in base64, so a frame of
/// 64 envelopes is encoded, parsed as JSON, copied and decoded again on the way, and a 256 KiB
/// attachment chunk becomes about 350 KB of text on each side's large-object heap. Here the
/// bytes are the bytes: one array per item on receipt, none extra on send. Both sides always
/// read JSON too (<see cref="TransferEncoding"/>), so a partner on an older version keeps working.
/// </para>
/// A body that is not a well-formed frame of a known kind fails deserialisation with a
/// <see cref="SerializationException"/> that names the problem, and goes to the error queue;
/// each item of a readable frame is still checked on its own by its consumer. Thread-safe.
/// </summary>
public sealed class BinaryTransferSerializer : RawMessageSerializer, IMessageSerializer, IMessageDeserializer, ISerializerFactory
{
    public static readonly ContentType BinaryContentType = new("application/vnd.liaison.transfer.v1+protobuf");

    public static BinaryTransferSerializer Instance { get; } = new();

    public ContentType ContentType => BinaryContentType;

    public IMessageSerializer CreateSerializer() => this;

    public IMessageDeserializer CreateDeserializer() => this;

    public void Probe(ProbeContext context) => context?.CreateScope("liaisonTransfer").Add("contentType", BinaryContentType.MediaType);

    public MessageBody GetMessageBody<T>(SendContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Message switch
        {
            EnvelopeTransferred m => Frame(TransferKind.Envelope, [m.Envelope]),
            EnvelopesTransferred m => Frame(TransferKind.Envelopes, m.Envelopes),
            ReceiptTransferred m => Frame(TransferKind.Receipt, [m.Receipt]),
            ReceiptsTransferred m => Frame(TransferKind.Receipts, m.Receipts),
            _ => throw new SerializationException($"The binary transfer encoding carries envelopes and receipts between gateways, not {typeof(T).Name}."),
        };

        // MessageId, CorrelationId and the rest as headers: the body has room only for the frame.
        SetRawMessageHeaders(context);
        return new BytesMessageBody(frame.ToByteArray());
    }

    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        ArgumentNullException.ThrowIfNull(receiveContext);
        return new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));
    }

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        TransferFrame frame;
        try
        {
            frame = TransferFrame.Parser.ParseFrom(body.GetBytes());
        }
        catch (InvalidProtocolBufferException e)
        {
            // Not chained: MassTransit records the innermost exception's message in the error queue
            // (MT-Fault-Message), and that alone would not say which message failed to parse.
            throw new SerializationException("The body is not a liaison.transport.v1.TransferFrame: " + e.Message);
        }

        object message = (frame.Kind, frame.Items.Count) switch
        {
            (TransferKind.Envelope, 1) => new EnvelopeTransferred(Array(frame.Items[0])),
            (TransferKind.Envelopes, > 0) => new EnvelopesTransferred(frame.Items.Select(Array).ToArray()),
            (TransferKind.Receipt, 1) => new ReceiptTransferred(Array(frame.Items[0])),
            (TransferKind.Receipts, > 0) => new ReceiptsTransferred(frame.Items.Select(Array).ToArray()),
            (TransferKind.Envelope or TransferKind.Receipt, var count) => throw new SerializationException($"A transfer of kind {frame.Kind} carries exactly one item, not {count}."),
            (TransferKind.Envelopes or TransferKind.Receipts, _) => throw new SerializationException($"A transfer of kind {frame.Kind} carries at least one item."),
            _ => throw new SerializationException($"The transfer kind {frame.Kind} is not one this gateway knows."),
        };
        return new BinaryTransferSerializerContext(new RawMessageContext(headers, destinationAddress, RawSerializerOptions.Default), message, this);
    }

    public MessageBody GetMessageBody(string text) => new Base64MessageBody(text);

    private static TransferFrame Frame(TransferKind kind, IEnumerable<byte[]> items)
    {
        // Wrapped, not copied: the arrays are the stored rows' and are not written to while sending.
        var frame = new TransferFrame { Kind = kind };
        frame.Items.AddRange(items.Select(item => UnsafeByteOperations.UnsafeWrap(item)));
        return frame;
    }

    /// <summary>The parser's own array for the item (it copied it out of the body once), not a second copy.</summary>
    private static byte[] Array(ByteString item) =>
        MemoryMarshal.TryGetArray(item.Memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array : item.ToByteArray();
}
