using Liaison.Crypto.Envelopes;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Tests;

public sealed class TamperTests
{
    [Theory]
    [InlineData(Suite.InternationalV1, false)]
    [InlineData(Suite.GmV1, false)]
    [InlineData(Suite.InternationalV1, true)]
    public void FlippingAnySingleBitOfASealedEnvelopeCausesRejection(Suite suite, bool postQuantum)
    {
        var exchange = TestExchange.Create(suite, postQuantum);
        var original = exchange.LaoCaiSealer().Seal(TestExchange.Request(32)).Bytes;
        // One opener for all flips: its session cache then holds the genuine secret,
        // so a flip can only be caught by the checks, never by a failed decapsulation alone.
        var opener = exchange.YunnanOpener();
        Assert.True(opener.Open(original).IsAccepted);

        var accepted = new List<int>();
        var tampered = new byte[original.Length];
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            original.CopyTo(tampered, 0);
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            if (opener.Open(tampered).IsAccepted)
            {
                accepted.Add(bit);
            }
        }

        Assert.True(accepted.Count == 0, $"{accepted.Count} of {original.Length * 8} single-bit flips were accepted, first at bit {accepted.FirstOrDefault()}.");
    }

    [Fact]
    public void TruncatedOrExtendedEnvelopesAreRejected()
    {
        var exchange = TestExchange.Create(Suite.InternationalV1);
        var original = exchange.LaoCaiSealer().Seal(TestExchange.Request(32)).Bytes;
        var opener = exchange.YunnanOpener();

        for (var length = 0; length < original.Length; length++)
        {
            Assert.False(opener.Open(original.AsSpan(0, length)).IsAccepted, $"truncated to {length} bytes");
        }

        Assert.False(opener.Open([.. original, 0x00]).IsAccepted);
    }
}
