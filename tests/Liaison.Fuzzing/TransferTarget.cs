using System.Runtime.Serialization;
using Google.Protobuf;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Messaging.Contracts;
using Liaison.Transport.V1;
using MassTransit;
using MassTransit.Serialization;

namespace Liaison.Fuzzing;

/// <summary>
/// Input: a broker message body in the binary transfer encoding, decoded as a gateway decodes a
/// partner's message before any consumer sees it. The decoder must refuse with a
/// <see cref="SerializationException"/> (the message then goes to the error queue) or return
/// exactly one of the four contracts, whose items are the frame's items, byte for byte and in
/// order, in the numbers its kind allows; anything else thrown is a crash.
/// </summary>
public sealed class TransferTarget : IFuzzTarget
{
    public string Name => "transfer";

    public void Run(ReadOnlySpan<byte> input)
    {
        SerializerContext context;
        try
        {
            context = BinaryTransferSerializer.Instance.Deserialize(new BytesMessageBody(input.ToArray()), EmptyHeaders.Instance);
        }
        catch (SerializationException)
        {
            return;
        }

        // Decoded: the body is a frame, so it parses again, and the contract must say what it says.
        var frame = TransferFrame.Parser.ParseFrom(input);
        var found = Decoded(context);
        if (found.Count != 1)
        {
            throw new FuzzTargetViolationException($"The decoder offered {found.Count} contracts for one frame; exactly one was expected.");
        }

        var (kind, items) = found[0];
        if (kind != frame.Kind)
        {
            throw new FuzzTargetViolationException($"A frame of kind {frame.Kind} decoded as {kind}.");
        }

        var single = kind is TransferKind.Envelope or TransferKind.Receipt;
        if (single ? items.Count != 1 : items.Count == 0)
        {
            throw new FuzzTargetViolationException($"A {kind} transfer decoded with {items.Count} items.");
        }

        if (items.Count != frame.Items.Count || items.Where((item, i) => !item.AsSpan().SequenceEqual(frame.Items[i].Span)).Any())
        {
            throw new FuzzTargetViolationException("The decoded items are not the frame's items, in order.");
        }
    }

    /// <summary>The contract a body decodes to, and its items; for the corpus tests.</summary>
    /// <exception cref="SerializationException">The body is not a well-formed frame.</exception>
    public static (Type Contract, IReadOnlyList<byte[]> Items) Decode(byte[] body)
    {
        var context = BinaryTransferSerializer.Instance.Deserialize(new BytesMessageBody(body), EmptyHeaders.Instance);
        var (kind, items) = Decoded(context).Single();
        return (kind switch
        {
            TransferKind.Envelope => typeof(EnvelopeTransferred),
            TransferKind.Envelopes => typeof(EnvelopesTransferred),
            TransferKind.Receipt => typeof(ReceiptTransferred),
            _ => typeof(ReceiptsTransferred),
        }, items);
    }

    /// <summary>Every contract the context offers, with its kind and items.</summary>
    private static List<(TransferKind Kind, IReadOnlyList<byte[]> Items)> Decoded(SerializerContext context)
    {
        var found = new List<(TransferKind, IReadOnlyList<byte[]>)>();
        if (context.TryGetMessage<EnvelopeTransferred>(out var envelope))
        {
            found.Add((TransferKind.Envelope, [envelope!.Envelope]));
        }

        if (context.TryGetMessage<EnvelopesTransferred>(out var envelopes))
        {
            found.Add((TransferKind.Envelopes, envelopes!.Envelopes));
        }

        if (context.TryGetMessage<ReceiptTransferred>(out var receipt))
        {
            found.Add((TransferKind.Receipt, [receipt!.Receipt]));
        }

        if (context.TryGetMessage<ReceiptsTransferred>(out var receipts))
        {
            found.Add((TransferKind.Receipts, receipts!.Receipts));
        }

        return found;
    }

    /// <summary>Seeds: a frame of each kind, carrying the seed envelopes and receipts.</summary>
    internal static IEnumerable<CorpusFile> Seeds(IReadOnlyList<byte[]> envelopes, IReadOnlyList<byte[]> receipts)
    {
        yield return Seed("envelope.bin", TransferKind.Envelope, envelopes.Take(1));
        yield return Seed("envelopes.bin", TransferKind.Envelopes, envelopes);
        yield return Seed("receipt.bin", TransferKind.Receipt, receipts.Take(1));
        yield return Seed("receipts.bin", TransferKind.Receipts, receipts);
    }

    private static CorpusFile Seed(string name, TransferKind kind, IEnumerable<byte[]> items)
    {
        var frame = new TransferFrame { Kind = kind };
        frame.Items.AddRange(items.Select(ByteString.CopyFrom));
        return new CorpusFile("transfer", name, frame.ToByteArray());
    }
}
