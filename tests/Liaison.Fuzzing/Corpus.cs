using Google.Protobuf;
using System.Text;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;

namespace Liaison.Fuzzing;

/// <summary>One seed file: tests/fuzz/corpus/{Target}/{Name}.</summary>
public sealed record CorpusFile(string Target, string Name, byte[] Bytes);

/// <summary>
/// The seed corpus, generated deterministically from <see cref="FuzzExchange.All"/>:
/// per suite, envelopes from Lao Cai to Yunnan in session and per-message mode (two in
/// one session) and one addressed the other way; the co-signed agreement (for the
/// international suite also a half-signed one and a co-signed version 2); Yunnan's
/// receipts for the envelopes it got; broker bodies of each transfer kind carrying those
/// envelopes and receipts. The targets know what the seeds sealed and
/// signed, so a forged input that is accepted is caught. Running it twice gives the
/// same bytes.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<IReadOnlyList<CorpusFile>> Files = new(Build);

    /// <summary>Every payload the seed envelopes carry: the only payloads an opener may ever return.</summary>
    public static IReadOnlyList<byte[]> Payloads { get; } =
    [
        "verification request: synthetic, no personal data"u8.ToArray(),
        Encoding.UTF8.GetBytes("Cảnh báo khẩn / 紧急警报 / urgent alert: synthetic"),
        [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))],
    ];

    /// <summary>All seed files, built once per process.</summary>
    public static IReadOnlyList<CorpusFile> All => Files.Value;

    /// <summary>The seeds of one target.</summary>
    public static IEnumerable<CorpusFile> For(string target) => All.Where(f => f.Target == target);

    /// <summary>Writes the seeds under <paramref name="root"/>/{target}/, replacing files of the same name.</summary>
    public static int Write(string root)
    {
        foreach (var file in All)
        {
            var folder = Path.Combine(root, file.Target);
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, file.Name), file.Bytes);
        }

        return All.Count;
    }

    private static List<CorpusFile> Build()
    {
        var files = new List<CorpusFile>();
        foreach (var exchange in FuzzExchange.All)
        {
            var random = exchange.RandomFor("corpus");
            var clock = FuzzExchange.Clock();
            var session = new EnvelopeSealer(exchange.Agreement, exchange.LaoCaiKeys, clock, new SealerOptions { KeyExchange = KeyExchangeMode.Session }, random);
            var perMessage = new EnvelopeSealer(exchange.Agreement, exchange.LaoCaiKeys, clock, new SealerOptions { KeyExchange = KeyExchangeMode.PerMessage }, random);
            var reverse = new EnvelopeSealer(exchange.Agreement, exchange.YunnanKeys, clock, null, random);
            var first = session.Seal(new SealRequest(FuzzExchange.Yunnan, "verification.request", Payloads[0]) { CaseReference = "LC-2026-0042", CorrelationId = "fuzz-1", Sequence = 1 });
            var second = session.Seal(new SealRequest(FuzzExchange.Yunnan, "hotline.alert", Payloads[1]) { Priority = Priority.Urgent, Sequence = 2, Lifetime = TimeSpan.FromHours(1) });
            var fresh = perMessage.Seal(new SealRequest(FuzzExchange.Yunnan, "verification.answer", Payloads[2]) { CaseReference = "LC-2026-0043", Priority = Priority.High, Sequence = 3 });
            var toLaoCai = reverse.Seal(new SealRequest(FuzzExchange.LaoCai, "verification.answer", Payloads[0]) { Sequence = 1 });
            files.Add(new("envelope", $"{exchange.Name}-session-1.bin", first.Bytes));
            files.Add(new("envelope", $"{exchange.Name}-session-2.bin", second.Bytes));
            files.Add(new("envelope", $"{exchange.Name}-per-message.bin", fresh.Bytes));
            files.Add(new("envelope", $"{exchange.Name}-to-laocai.bin", toLaoCai.Bytes));

            files.Add(new("agreement", $"{exchange.Name}-v1.bin", exchange.Agreement.Signed.ToByteArray()));
            if (exchange.Suite == Crypto.V1.Suite.InternationalV1 && !exchange.PostQuantum)
            {
                var next = AgreementDraft.Freeze(AgreementDraft.NextVersion(exchange.Agreement));
                var halfSigned = AgreementSignatures.AddSignature(next, FuzzExchange.LaoCai, exchange.LaoCaiAuthority.Keys[0], random);
                files.Add(new("agreement", $"{exchange.Name}-v2-half-signed.bin", halfSigned.ToByteArray()));
                files.Add(new("agreement", $"{exchange.Name}-v2.bin", exchange.CoSign(next, random).ToByteArray()));
            }

            var signer = new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, clock, random);
            files.Add(new("receipt", $"{exchange.Name}-accepted.bin", signer.Sign(first.Bytes, first.Header, RejectionReason.Unspecified)));
            files.Add(new("receipt", $"{exchange.Name}-rejected.bin", signer.Sign(fresh.Bytes, fresh.Header, RejectionReason.DecryptionFailed)));
            var batch = signer.SignBatch([new ReceiptRequest(second.Bytes, second.Header, RejectionReason.Unspecified, null), new ReceiptRequest(fresh.Bytes, fresh.Header, RejectionReason.Unspecified, null)]);
            files.Add(new("receipt", $"{exchange.Name}-batch-1.bin", batch[0]));
            files.Add(new("receipt", $"{exchange.Name}-batch-2.bin", batch[1]));
        }

        // Broker bodies between gateways: frames of the first exchange's session envelopes and batch receipts.
        var name = FuzzExchange.All[0].Name;
        files.AddRange(TransferTarget.Seeds(
            [.. files.Where(f => f.Target == "envelope" && f.Name.StartsWith(name + "-session", StringComparison.Ordinal)).Select(f => f.Bytes)],
            [.. files.Where(f => f.Target == "receipt" && f.Name.StartsWith(name + "-batch", StringComparison.Ordinal)).Select(f => f.Bytes)]));
        return files;
    }
}
