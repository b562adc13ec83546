using System.Text;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Audit.Tests;

public sealed class CosignatureTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ACosignatureSignsTheHeaderTheTimeAndTheBodyAndCarriesItsTimestamp()
    {
        var clock = new FakeTimeProvider(Noon);
        using var log = Keys.Log();
        using var witness = Keys.Witness(clock);
        var cosigned = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 8, Vectors.RootOfSize(8)), log).WithSignature(witness);

        var line = cosigned.Note.Signatures[^1];
        Assert.Equal(Noon, CosignatureV1.TimeOf(line));
        Assert.Equal(NoteVerification.Verified, SignedCheckpoint.Parse(cosigned.ToString()).Verify(witness.Verifier()));
        Assert.Equal(NoteVerification.Verified, cosigned.Verify(log.Verifier()));

        var message = CosignatureV1.Message(Encoding.UTF8.GetBytes(cosigned.Checkpoint.ToBody()), (ulong)Noon.ToUnixTimeSeconds());
        Assert.StartsWith($"cosignature/v1\ntime {Noon.ToUnixTimeSeconds()}\n{Keys.Origin}\n8\n", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
    }

    [Fact]
    public void AChangedTimestampBreaksTheCosignature()
    {
        var clock = new FakeTimeProvider(Noon);
        using var log = Keys.Log();
        using var witness = Keys.Witness(clock);
        var text = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 8, Vectors.RootOfSize(8)), log).WithSignature(witness).ToString();
        var line = text.Split('\n')[^2];
        var blob = Convert.FromBase64String(line[(line.LastIndexOf(' ') + 1)..]);
        blob[4 + 7] ^= 1; // The last byte of the timestamp.
        var tampered = text.Replace(line, line[..(line.LastIndexOf(' ') + 1)] + Convert.ToBase64String(blob), StringComparison.Ordinal);

        Assert.Equal(NoteVerification.BadSignature, SignedCheckpoint.Parse(tampered).Verify(witness.Verifier()));
    }

    [Fact]
    public void ALogSignatureCannotPassAsACosignatureOfTheSameKey()
    {
        // Same seed and name, different type byte: the key IDs differ, so the lines never match.
        var clock = new FakeTimeProvider(Noon);
        using var log = new Ed25519NoteSigner("liaison.example/cn-yunnan/witness", Keys.Seed("witness"));
        using var witness = Keys.Witness(clock);
        var signed = SignedCheckpoint.Sign(new Checkpoint(Keys.Origin, 1, Vectors.RootOfSize(1)), log);
        Assert.NotEqual(log.KeyHash, witness.KeyHash);
        Assert.Equal(NoteVerification.NotSigned, signed.Verify(witness.Verifier()));
    }

    [Fact]
    public void TheCosignatureVerifierKeyRoundTripsThroughItsTextForm()
    {
        using var witness = Keys.Witness(new FakeTimeProvider(Noon));
        var text = witness.Verifier().ToString();
        Assert.Equal(text, CosignatureV1Verifier.Parse(text).ToString());
        Assert.Throws<NoteFormatException>(() => Ed25519NoteVerifier.Parse(text)); // type 0x04, not 0x01
    }

    [Fact]
    public void APublicCheckpointCosignedByAnIndependentWitnessVerifies()
    {
        // A checkpoint of the arche2025h1 staging CT log as published with its witness
        // cosignatures; the remora.n621.de key (type 0x04) is the one in
        // transparency-dev/formats note/note_cosigv1_test.go. Checks our cosignature/v1
        // message and signature layout against a witness we did not write.
        const string note = """
            arche2025h1.staging.ct.transparency.dev
            1432088532
            U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

            — arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
            — arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
            — remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==

            """;
        var witness = CosignatureV1Verifier.Parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        var checkpoint = SignedCheckpoint.Parse(note);

        Assert.Equal(1432088532UL, checkpoint.Checkpoint.Size);
        Assert.Equal(NoteVerification.Verified, checkpoint.Verify(witness));
        Assert.Equal(NoteVerification.BadSignature, SignedCheckpoint.Parse(note.Replace("1432088532", "1432088533", StringComparison.Ordinal)).Verify(witness));
    }
}
