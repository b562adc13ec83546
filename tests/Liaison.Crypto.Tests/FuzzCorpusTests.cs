using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Fuzzing;

namespace Liaison.Crypto.Tests;

/// <summary>
/// The fuzzing corpus in tests/fuzz stays valid and harmless: the seeds are still what
/// they claim to be (authentic envelopes, agreements in force, valid receipts), and
/// every seed and every saved crash input runs through its fuzz target without a crash.
/// The fuzzing itself is scripts/fuzz.sh, never CI. After an intended change of the wire
/// format: dotnet run --project tests/Liaison.Fuzzing -- --write-corpus tests/fuzz/corpus
/// </summary>
public sealed class FuzzCorpusTests
{
    private static readonly string Root = Vectors.VectorTests.RepositoryRoot();

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCorpusAndRegressionInputRunsThroughItsTargetWithoutACrash(string name)
    {
        var target = FuzzTargets.Create(name);
        var inputs = Replay.Inputs(Folders(name).Where(Directory.Exists)).ToList();
        Assert.NotEmpty(inputs);
        foreach (var input in inputs)
        {
            target.Run(File.ReadAllBytes(input));
        }
    }

    [Fact]
    public void EnvelopeSeedsOpenWithTheirPayloadOrAreAddressedToLaoCai()
    {
        foreach (var exchange in FuzzExchange.All)
        {
            var opener = new EnvelopeOpener(exchange.Agreement, exchange.YunnanKeys, FuzzExchange.Clock());
            foreach (var path in Seeds("envelope", exchange.Name + "-"))
            {
                var result = opener.Open(File.ReadAllBytes(path));
                if (path.EndsWith("-to-laocai.bin", StringComparison.Ordinal))
                {
                    Assert.Equal(RejectionReason.WrongRecipient, result.Reason);
                }
                else
                {
                    Assert.True(result.IsAccepted, $"{path}: {result.Detail}");
                    Assert.Contains(Corpus.Payloads, p => p.AsSpan().SequenceEqual(result.Payload));
                }
            }
        }
    }

    [Fact]
    public void AgreementSeedsAreInForceExceptTheHalfSignedOne()
    {
        var v1 = FuzzExchange.All[0].Agreement;
        foreach (var path in Seeds("agreement", ""))
        {
            var signed = SignedAgreement.Parser.ParseFrom(File.ReadAllBytes(path));
            var report = path.Contains("-v2", StringComparison.Ordinal) ? AgreementInForce.Inspect(signed, v1) : AgreementInForce.Inspect(signed, null);
            Assert.Equal(!path.EndsWith("half-signed.bin", StringComparison.Ordinal), report.InForce);
        }
    }

    [Fact]
    public void ReceiptSeedsAreValidForTheEnvelopesTheyAnswer()
    {
        foreach (var exchange in FuzzExchange.All)
        {
            var verifier = new ReceiptVerifier(exchange.Agreement, FuzzExchange.LaoCai, FuzzExchange.Clock());
            var answered = new Dictionary<string, string> { ["accepted"] = "session-1", ["rejected"] = "per-message" };
            foreach (var (receipt, envelope) in answered)
            {
                var result = verifier.Verify(
                    File.ReadAllBytes(Path.Combine(Root, "tests/fuzz/corpus/receipt", $"{exchange.Name}-{receipt}.bin")),
                    File.ReadAllBytes(Path.Combine(Root, "tests/fuzz/corpus/envelope", $"{exchange.Name}-{envelope}.bin")));
                Assert.True(result.IsValid, $"{exchange.Name}-{receipt}: {result.Detail}");
                Assert.Equal(receipt == "accepted" ? ReceiptStatus.Accepted : ReceiptStatus.Rejected, result.Receipt!.Status);
            }
        }
    }

    [Fact]
    public void TransferSeedsDecodeEachToItsKindCarryingSeedEnvelopesOrReceipts()
    {
        var expected = new Dictionary<string, (Type Contract, string ItemsFrom, int Count)>
        {
            ["envelope.bin"] = (typeof(Gateway.Messaging.Contracts.EnvelopeTransferred), "envelope", 1),
            ["envelopes.bin"] = (typeof(Gateway.Messaging.Contracts.EnvelopesTransferred), "envelope", 2),
            ["receipt.bin"] = (typeof(Gateway.Messaging.Contracts.ReceiptTransferred), "receipt", 1),
            ["receipts.bin"] = (typeof(Gateway.Messaging.Contracts.ReceiptsTransferred), "receipt", 2),
        };
        foreach (var (name, (contract, itemsFrom, count)) in expected)
        {
            var body = File.ReadAllBytes(Path.Combine(Root, "tests/fuzz/corpus/transfer", name));
            var (decoded, items) = TransferTarget.Decode(body);
            Assert.Equal(contract, decoded);
            Assert.Equal(count, items.Count);
            var seeds = Seeds(itemsFrom, "").Select(File.ReadAllBytes).ToList();
            Assert.All(items, item => Assert.Contains(seeds, seed => seed.AsSpan().SequenceEqual(item)));
        }
    }

    private static IEnumerable<string> Folders(string target) =>
        [Path.Combine(Root, "tests/fuzz/corpus", target), Path.Combine(Root, "tests/fuzz/regressions", target)];

    private static List<string> Seeds(string target, string prefix)
    {
        var seeds = Directory.EnumerateFiles(Path.Combine(Root, "tests/fuzz/corpus", target), prefix + "*.bin")
            .Where(p => prefix.Length == 0 || !Path.GetFileName(p)[prefix.Length..].StartsWith("mldsa65", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(seeds);
        return seeds;
    }
}
