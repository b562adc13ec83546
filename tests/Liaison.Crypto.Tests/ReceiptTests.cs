using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Tests;

public sealed class ReceiptTests
{
    [Theory]
    [InlineData(Suite.InternationalV1, false)]
    [InlineData(Suite.GmV1, false)]
    [InlineData(Suite.GmV1, true)]
    public void AcceptedReceiptVerifiesOnTheSenderAndBindsTheEnvelope(Suite suite, bool postQuantum)
    {
        var exchange = TestExchange.Create(suite, postQuantum);
        var sent = exchange.LaoCaiSealer().Seal(TestExchange.Request(100));
        var opened = exchange.YunnanOpener().Open(sent.Bytes);

        var receipt = new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, exchange.Time).Sign(sent.Bytes, opened.Header!, opened.Reason);
        var check = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(receipt, sent.Bytes);

        Assert.True(check.IsValid, check.Detail);
        Assert.Equal(ReceiptStatus.Accepted, check.Receipt!.Status);
        Assert.Equal(TestExchange.Yunnan, check.Receipt.ReceiverNode);
        Assert.Equal(exchange.Time.GetUtcNow(), check.Receipt.ReceivedAt.ToDateTimeOffset());
        Assert.Equal(postQuantum ? 2 : 1, SignedReceipt.Parser.ParseFrom(receipt).Signatures.Count);
    }

    [Fact]
    public void RejectionReceiptCarriesTheReason()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sent = exchange.LaoCaiSealer().Seal(TestExchange.Request(100));
        var header = EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(sent.Bytes).Header);

        var receipt = new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, exchange.Time).Sign(sent.Bytes, header, RejectionReason.Expired);
        var check = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(receipt, sent.Bytes);

        Assert.True(check.IsValid, check.Detail);
        Assert.Equal(ReceiptStatus.Rejected, check.Receipt!.Status);
        Assert.Equal(RejectionReason.Expired, check.Receipt.RejectionReason);
    }

    [Fact]
    public void ReceiptForOtherEnvelopeBytesIsRefused()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sealer = exchange.LaoCaiSealer();
        var sent = sealer.Seal(TestExchange.Request(100));
        var opened = exchange.YunnanOpener().Open(sent.Bytes);
        var receipt = new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, exchange.Time).Sign(sent.Bytes, opened.Header!, opened.Reason);

        var other = sealer.Seal(TestExchange.Request(100));
        var check = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(receipt, other.Bytes);

        Assert.False(check.IsValid);
    }

    [Fact]
    public void ReceiptWithAnyFlippedBitIsRefused()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sent = exchange.LaoCaiSealer().Seal(TestExchange.Request(10));
        var opened = exchange.YunnanOpener().Open(sent.Bytes);
        var receipt = new ReceiptSigner(exchange.Agreement, exchange.YunnanKeys, exchange.Time).Sign(sent.Bytes, opened.Header!, opened.Reason);
        var verifier = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time);

        for (var bit = 0; bit < receipt.Length * 8; bit++)
        {
            var tampered = (byte[])receipt.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.Verify(tampered, sent.Bytes).IsValid, $"bit {bit}");
        }
    }

    [Fact]
    public void ReceiptSignedByTheSenderItselfIsRefused()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var sent = exchange.LaoCaiSealer().Seal(TestExchange.Request(10));
        var header = EnvelopeHeader.Parser.ParseFrom(SealedEnvelope.Parser.ParseFrom(sent.Bytes).Header);
        header.SenderNode = TestExchange.Yunnan;

        // Lao Cai forges a receipt "from Yunnan" with its own key.
        var forged = new ReceiptSigner(exchange.Agreement, exchange.LaoCaiKeys, exchange.Time).Sign(sent.Bytes, header, RejectionReason.Unspecified);
        var check = new ReceiptVerifier(exchange.Agreement, TestExchange.LaoCai, exchange.Time).Verify(forged, sent.Bytes);

        Assert.False(check.IsValid);
    }
}
