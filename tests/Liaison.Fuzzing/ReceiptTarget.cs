using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;

namespace Liaison.Fuzzing;

/// <summary>
/// Input: a serialised <c>SignedReceipt</c>, checked by Lao Cai's verifier of every suite
/// against every envelope Lao Cai sent in the seeds. The verifier must return, never
/// throw; a receipt it finds authentic must carry receipt bytes Yunnan signed in the seeds.
/// </summary>
public sealed class ReceiptTarget : IFuzzTarget
{
    private readonly (ReceiptVerifier Verifier, byte[][] Sent)[] checks;
    private readonly byte[][] signedReceipts;

    public ReceiptTarget()
    {
        checks = [.. FuzzExchange.All.Select(e => (
            new ReceiptVerifier(e.Agreement, FuzzExchange.LaoCai, FuzzExchange.Clock()),
            Corpus.For("envelope").Where(f => f.Name.StartsWith(e.Name + "-session", StringComparison.Ordinal) || f.Name == e.Name + "-per-message.bin").Select(f => f.Bytes).ToArray()))];
        signedReceipts = [.. Corpus.For("receipt").Select(f => SignedReceipt.Parser.ParseFrom(f.Bytes).Receipt.ToByteArray())];
    }

    public string Name => "receipt";

    private bool IsSeeded(byte[] receipt) => signedReceipts.Any(r => r.AsSpan().SequenceEqual(receipt));

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var (verifier, sent) in checks)
        {
            foreach (var envelope in sent)
            {
                if (verifier.Verify(input, envelope).IsValid && !IsSeeded(SignedReceipt.Parser.ParseFrom(input).Receipt.ToByteArray()))
                {
                    throw new FuzzTargetViolationException("The verifier accepted a receipt no seed signed.");
                }
            }
        }
    }
}
