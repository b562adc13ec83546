using System.Security.Cryptography;
using System.Text;
using Liaison.Audit.Checkpoints;
using Liaison.Audit.Notes;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Audit.Tests;

/// <summary>Deterministic test keys: each seed is SHA-256 of a label, so runs are reproducible.</summary>
internal static class Keys
{
    public const string Origin = "liaison.example/vn-laocai/audit";

    public static byte[] Seed(string label) => SHA256.HashData(Encoding.UTF8.GetBytes(label));

    public static Ed25519NoteSigner Log(string label = "log") => new(Origin, Seed(label));

    public static Ed25519Cosigner Witness(FakeTimeProvider clock, string label = "witness") => new("liaison.example/cn-yunnan/witness", Seed(label), clock);

    /// <summary>The golang.org/x/mod signer key: "PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)".</summary>
    public static Ed25519NoteSigner FromGoSignerKey(string signerKey)
    {
        var parts = signerKey.Split('+', 5);
        var typeAndSeed = Convert.FromBase64String(parts[4]);
        Assert.Equal(NoteSignatureType.Ed25519, typeAndSeed[0]);
        return new Ed25519NoteSigner(parts[2], typeAndSeed.AsSpan(1));
    }
}
