using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Agreement.V1;

namespace Liaison.Fuzzing;

/// <summary>
/// Input: a serialised <c>SignedAgreement</c>. Parsing may refuse it with
/// <see cref="InvalidProtocolBufferException"/>; anything that parses goes through
/// <see cref="AgreementInForce.Inspect"/> as a first agreement and as a replacement of
/// the international version 1, which must not throw. An agreement found in force
/// must be one the seeds co-signed.
/// </summary>
public sealed class AgreementTarget : IFuzzTarget
{
    private readonly AgreementInForce current = FuzzExchange.All[0].Agreement;
    private readonly byte[][] signedDigests =
        [.. Corpus.For("agreement").Select(f => AgreementInForce.DigestOf(SignedAgreement.Parser.ParseFrom(f.Bytes).Agreement.Span))];

    public string Name => "agreement";

    public void Run(ReadOnlySpan<byte> input)
    {
        SignedAgreement signed;
        try
        {
            signed = SignedAgreement.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }

        Check(AgreementInForce.Inspect(signed, null));
        Check(AgreementInForce.Inspect(signed, current));
    }

    private void Check(AgreementReport report)
    {
        if (report.InForce && !signedDigests.Any(d => d.AsSpan().SequenceEqual(report.Digest)))
        {
            throw new FuzzTargetViolationException("An agreement no seed co-signed was found in force.");
        }

        if (report.InForce && (report.Problems.Count > 0 || report.MissingSignatures.Count > 0))
        {
            throw new FuzzTargetViolationException("An agreement was found in force despite problems or missing signatures.");
        }
    }
}
