using static Liaison.Cli.Tests.Workspace;

namespace Liaison.Cli.Tests;

/// <summary>Sealing and inspecting envelopes beyond the happy path of the workflow test.</summary>
public sealed class EnvelopeTests
{
    [Fact]
    public void AuditorCheckingAsOfALaterTimeSeesTheEnvelopeExpired()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var envelope = workspace.Seal(signed, "payload"u8.ToArray());
        var later = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var result = workspace.Inspect(envelope, signed, "--now", later);

        result.AssertRefused("The envelope is rejected: REJECTION_REASON_EXPIRED.");
        Assert.Contains("Message type:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningWithTheSendersOwnKeyIsWrongRecipient()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("gm");
        var envelope = workspace.Seal(signed, "payload"u8.ToArray());

        workspace.Inspect(envelope, signed, "--key", workspace.PathOf($"keys/{LaoCai}.key"), "--passphrase-file", workspace.PassphraseFile)
            .AssertRefused("REJECTION_REASON_WRONG_RECIPIENT. The envelope is addressed to 'cn-yunnan', not to this node 'vn-laocai'.");
    }

    [Fact]
    public void BinaryPayloadIsShownAsAHexPreviewOfAtMost64Bytes()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var payload = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var envelope = workspace.Seal(signed, payload);

        var result = workspace.Inspect(envelope, signed, "--key", workspace.PathOf($"keys/{Yunnan}.key"), "--passphrase-file", workspace.PassphraseFile);

        result.AssertSuccess();
        Assert.Contains("Payload (200 bytes, binary, first 64 shown):", result.Out, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(payload.AsSpan(0, 64)) + Environment.NewLine, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(payload.AsSpan(0, 65)), result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotAnEnvelopeAreMalformed()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var garbage = workspace.PathOf("garbage.bin");
        File.WriteAllBytes(garbage, [0xff, 0xff, 0xff, 0x01, 0x02]);

        var result = workspace.Inspect(garbage, signed);

        result.AssertRefused("REJECTION_REASON_MALFORMED");
        Assert.Contains("(the header cannot be decoded)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SealingAMessageTypeTheLinkDoesNotAllowIsRefused()
    {
        using var workspace = new Workspace();
        var signed = workspace.SignedAgreement("international");
        var payload = workspace.PathOf("payload.txt");
        File.WriteAllText(payload, "hello");

        workspace.Run("envelope", "seal", "--agreement", signed, "--key", workspace.PathOf($"keys/{LaoCai}.key"), "--to", Yunnan,
            "--type", "gossip.rumour", "--payload-file", payload, "--out", workspace.PathOf("e.bin"), "--passphrase-file", workspace.PassphraseFile)
            .AssertRefused("The envelope cannot be sealed: The link from 'vn-laocai' to 'cn-yunnan' does not allow message type 'gossip.rumour'.");
    }
}
