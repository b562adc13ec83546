using Liaison.Crypto.Envelopes;

namespace Liaison.Fuzzing;

/// <summary>
/// Input: envelope bytes, opened by Yunnan's opener of every suite. The opener must
/// return, never throw; an accepted envelope must carry one of the payloads the seeds
/// sealed (anything else would be a forgery the opener let through).
/// </summary>
public sealed class EnvelopeTarget : IFuzzTarget
{
    private readonly EnvelopeOpener[] openers =
        [.. FuzzExchange.All.Select(e => new EnvelopeOpener(e.Agreement, e.YunnanKeys, FuzzExchange.Clock()))];

    public string Name => "envelope";

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var opener in openers)
        {
            var result = opener.Open(input);
            if (result.IsAccepted && (result.Payload is null || !Corpus.Payloads.Any(p => p.AsSpan().SequenceEqual(result.Payload))))
            {
                throw new FuzzTargetViolationException("The opener accepted an envelope whose payload no seed sealed.");
            }
        }
    }
}
