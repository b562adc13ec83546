using Liaison.Audit.Notes;

namespace Liaison.Audit.Tests;

/// <summary>The C2SP signed-note format, anchored to the golang.org/x/mod/sumdb/note vectors.</summary>
public sealed class SignedNoteTests
{
    private static string Text => Vectors.Json.GetProperty("signed_note").GetProperty("text").GetString()!;

    private static string PeterLine => Vectors.Json.GetProperty("signed_note").GetProperty("signature_line").GetString()!;

    private static string EnochLine => Vectors.Json.GetProperty("signed_note").GetProperty("second_signature_line").GetString()!;

    private static Ed25519NoteVerifier Peter => Ed25519NoteVerifier.Parse(Vectors.Json.GetProperty("signed_note").GetProperty("verifier_key").GetString()!);

    [Fact]
    public void SigningThePublishedTextWithThePublishedKeyGivesThePublishedNoteByteForByte()
    {
        using var signer = Keys.FromGoSignerKey(Vectors.Json.GetProperty("signed_note").GetProperty("signer_key").GetString()!);
        Assert.Equal(0xc74f20a3u, signer.KeyHash);
        Assert.Equal(Text + "\n" + PeterLine, SignedNote.Sign(Text, signer).ToString());
        Assert.Equal(Peter.ToString(), signer.Verifier().ToString());
    }

    [Fact]
    public void ThePublishedNoteVerifiesWithItsKeyAndIgnoresSignaturesOfUnknownKeys()
    {
        var note = SignedNote.Parse(Text + "\n" + PeterLine + EnochLine);
        Assert.Equal(Text, note.Text);
        Assert.Equal(2, note.Signatures.Length);
        Assert.Equal(NoteVerification.Verified, note.Verify(Peter));
        var enoch = Ed25519NoteVerifier.Parse(Vectors.Json.GetProperty("signed_note").GetProperty("second_verifier_key").GetString()!);
        Assert.Equal(NoteVerification.Verified, note.Verify(enoch));
        Assert.Equal(NoteVerification.NotSigned, SignedNote.Parse(Text + "\n" + EnochLine).Verify(Peter));
    }

    [Fact]
    public void AChangedTextOrSignatureIsABadSignatureNotAnUnsignedNote()
    {
        Assert.Equal(NoteVerification.BadSignature, SignedNote.Parse(Text.Replace("cryptography", "cryptographY", StringComparison.Ordinal) + "\n" + PeterLine).Verify(Peter));
        Assert.Equal(NoteVerification.BadSignature, SignedNote.Parse(Text + "\n" + PeterLine[..60] + "ABCD" + PeterLine[60..]).Verify(Peter));
    }

    [Theory]
    [InlineData("no blank line and no signature", "{text}")]
    [InlineData("blank line but no signature", "{text}\n")]
    [InlineData("signature line without its newline", "{text}\n{peterNoNewline}")]
    [InlineData("a control character", "\u0001{text}\n{peter}")]
    [InlineData("a key name with a space", "{text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("a line after the signatures", "{text}\n{peter}Unexpected line.\n")]
    [InlineData("a hyphen instead of an em dash", "{text}\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("base64 that is not canonical", "{text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=\n")]
    [InlineData("base64 with a character outside the alphabet", "{text}\n— PeterNeumann x08go_ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")]
    [InlineData("a signature too short for a key ID", "{text}\n— PeterNeumann AAAA\n")]
    public void AMalformedNoteIsRejectedWithAMessage(string why, string template)
    {
        var note = template.Replace("{text}", Text, StringComparison.Ordinal)
            .Replace("{peterNoNewline}", PeterLine[..^1], StringComparison.Ordinal)
            .Replace("{peter}", PeterLine, StringComparison.Ordinal);
        var error = Assert.Throws<NoteFormatException>(() => SignedNote.Parse(note));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), why);
    }

    [Fact]
    public void InvalidUtf8IsRejectedRatherThanReplaced()
    {
        byte[] bytes = [0xff, .. System.Text.Encoding.UTF8.GetBytes(Text + "\n" + PeterLine)];
        Assert.Throws<NoteFormatException>(() => SignedNote.Parse(bytes));
    }

    [Fact]
    public void MoreSignaturesThanTheCapAreRejected()
    {
        var note = Text + "\n" + string.Concat(Enumerable.Repeat(PeterLine, SignedNote.MaxSignatures + 1));
        Assert.Throws<NoteFormatException>(() => SignedNote.Parse(note));
        Assert.Equal(SignedNote.MaxSignatures, SignedNote.Parse(Text + "\n" + string.Concat(Enumerable.Repeat(PeterLine, SignedNote.MaxSignatures))).Signatures.Length);
    }

    [Fact]
    public void AVerifierKeyWhoseIdDoesNotMatchItsKeyIsRefused()
    {
        Assert.Throws<NoteFormatException>(() => Ed25519NoteVerifier.Parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        Assert.Throws<NoteFormatException>(() => Ed25519NoteVerifier.Parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
    }

    [Fact]
    public void TheSm2KeyIdCommitsToTheUnassignedTypeByteAndLiaisonsIdentifier()
    {
        var key = new byte[65];
        key[0] = 0x04;
        var sm2 = NoteKeyId.ForSm2("liaison.example/cn-yunnan/audit", key);
        Assert.Equal(NoteKeyId.Compute("liaison.example/cn-yunnan/audit", 0xFF, [.. "liaison/sm2-sm3/v1\n"u8, .. key]), sm2);
        Assert.NotEqual(NoteKeyId.Compute("liaison.example/cn-yunnan/audit", NoteSignatureType.Ed25519, key), sm2);
    }
}
