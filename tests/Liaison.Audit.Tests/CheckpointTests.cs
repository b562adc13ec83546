using Liaison.Audit.Checkpoints;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;

namespace Liaison.Audit.Tests;

public sealed class CheckpointTests
{
    private const string Root8 = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";

    [Fact]
    public void ACheckpointBodyIsOriginSizeAndBase64RootEachOnItsOwnLine()
    {
        var checkpoint = new Checkpoint(Keys.Origin, 8, Vectors.RootOfSize(8));
        Assert.Equal($"{Keys.Origin}\n8\n{Root8}\n", checkpoint.ToBody());
        Assert.Equal(checkpoint, Checkpoint.ParseBody(checkpoint.ToBody()));
    }

    [Fact]
    public void ASignedCheckpointRoundTripsAndVerifiesWithTheLogKeyOnly()
    {
        using var log = Keys.Log();
        using var other = Keys.Log("another log key");
        var signed = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 8, Vectors.RootOfSize(8)), log);
        var parsed = SignedCheckpoint.Parse(signed.ToString());

        Assert.Equal(signed.ToString(), parsed.ToString());
        Assert.Equal(NoteVerification.Verified, parsed.Verify(log.Verifier()));
        Assert.Equal(NoteVerification.NotSigned, parsed.Verify(other.Verifier()));
    }

    [Theory]
    [InlineData("missing trailing newline", "o\n8\n" + Root8)]
    [InlineData("an extension line", "o\n8\n" + Root8 + "\nextension\n")]
    [InlineData("only two lines", "o\n8\n")]
    [InlineData("an empty origin", "\n8\n" + Root8 + "\n")]
    [InlineData("an origin with a space", "o o\n8\n" + Root8 + "\n")]
    [InlineData("a size that is not a decimal", "o\neight\n" + Root8 + "\n")]
    [InlineData("a size with a sign", "o\n+8\n" + Root8 + "\n")]
    [InlineData("a size with a leading zero", "o\n08\n" + Root8 + "\n")]
    [InlineData("a size beyond 64 bits", "o\n18446744073709551616\n" + Root8 + "\n")]
    [InlineData("a root that is not base64", "o\n8\nnot base64!\n")]
    [InlineData("a root of the wrong length", "o\n8\nAAAA\n")]
    [InlineData("a root in URL-safe base64", "o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz-Nw7_RgQyg=\n")]
    public void AMalformedBodyIsRejectedWithAMessage(string why, string body)
    {
        var error = Assert.Throws<NoteFormatException>(() => Checkpoint.ParseBody(body));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), why);
    }

    [Fact]
    public void SizeZeroIsWrittenAsASingleZero()
    {
        Assert.Equal(0UL, Checkpoint.ParseBody($"o\n0\n{Rfc6962.EmptyRoot.ToBase64()}\n").Size);
    }
}
