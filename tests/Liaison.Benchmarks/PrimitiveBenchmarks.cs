using Liaison.Benchmarks.Primitives;
using Liaison.Crypto.Internal;
using Org.BouncyCastle.Security;

namespace Liaison.Benchmarks;

/// <summary>
/// Adds the raw primitives that sealing and opening use to the harness's current group,
/// next to the envelope cases, so the two are timed in the same interleaved rounds.
/// </summary>
internal sealed class PrimitiveBenchmarks(Harness harness, BenchmarkResults results)
{
    private const string International = "International";
    private const string Gm = "GM";
    private const string PostQuantum = "ML-DSA-65";

    // One system-seeded generator for all primitives, as each sealer has one.
    private readonly SecureRandom random = new();

    public void AddInternational(int headerLength)
    {
        var p = new InternationalPrimitives(headerLength, random);
        var tbs = ToBeSignedLabel(headerLength);
        Add(PrimitiveIds.Ed25519Sign, International, "Ed25519 sign", tbs, null, p.Ed25519Sign);
        Add(PrimitiveIds.Ed25519Verify, International, "Ed25519 verify", tbs, null, p.Ed25519Verify);
        Add(PrimitiveIds.X25519KeyGeneration, International, "X25519 ephemeral key generation", "random scalar + public point", null, p.X25519EphemeralKeyGeneration);
        Add(PrimitiveIds.X25519Agreement, International, "X25519 agreement", "one shared secret", null, p.X25519Agreement);
        Add(PrimitiveIds.MlKemEncapsulate, International, "ML-KEM-768 encapsulate", "parsed public key", null, p.MlKemEncapsulate);
        Add(PrimitiveIds.MlKemDecapsulate, International, "ML-KEM-768 decapsulate", "1088 B ciphertext", null, p.MlKemDecapsulate);
        Add(PrimitiveIds.HkdfSha256Session, International, "HKDF-SHA-256 session secret", "64 B ikm, 1184 B info -> 32 B", null, p.HkdfSessionSecret);
        Add(PrimitiveIds.HkdfSha256ContentKey, International, "HKDF-SHA-256 content key", "32 B ikm, 16 B info -> 44 B", null, p.HkdfContentKey);
        foreach (var size in CryptoBenchmarks.PayloadSizes)
        {
            var aead = new AesGcmPrimitives(size, headerLength);
            var input = $"{Report.Size(size)} + {headerLength} B AAD";
            Add(PrimitiveIds.AesGcmEncrypt(size), International, "AES-256-GCM encrypt (.NET AesGcm)", input, size, aead.Encrypt);
            Add(PrimitiveIds.AesGcmDecrypt(size), International, "AES-256-GCM decrypt (.NET AesGcm)", input, size, aead.Decrypt);
            Add(PrimitiveIds.Sha256(size), International, "SHA-256 of ciphertext", $"{Report.Size(size)} + 16 B tag", size, aead.Sha256OfCiphertext);
        }
    }

    public void AddGm(int headerLength)
    {
        var p = new GmPrimitives(headerLength, random);
        var tbs = ToBeSignedLabel(headerLength);
        Add(PrimitiveIds.Sm2Sign, Gm, "SM2 sign (SM3, id)", tbs, null, p.Sm2Sign);
        Add(PrimitiveIds.Sm2Verify, Gm, "SM2 verify (SM3, id)", tbs, null, p.Sm2Verify);
        Add(PrimitiveIds.Sm2Encrypt, Gm, "SM2 encrypt C1C3C2", "32 B secret", null, p.Sm2Encrypt);
        Add(PrimitiveIds.Sm2Decrypt, Gm, "SM2 decrypt C1C3C2", "129 B ciphertext", null, p.Sm2Decrypt);
        Add(PrimitiveIds.HkdfSm3Session, Gm, "HKDF-SM3 session secret", "32 B ikm, 194 B info -> 32 B", null, p.HkdfSessionSecret);
        Add(PrimitiveIds.HkdfSm3ContentKey, Gm, "HKDF-SM3 content key", "32 B ikm, 16 B info -> 28 B", null, p.HkdfContentKey);
        foreach (var size in CryptoBenchmarks.PayloadSizes)
        {
            var aead = new Sm4GcmPrimitives(size, headerLength);
            var input = $"{Report.Size(size)} + {headerLength} B AAD";
            Add(PrimitiveIds.Sm4GcmEncrypt(size), Gm, "SM4-GCM encrypt (BouncyCastle)", input, size, aead.Encrypt);
            Add(PrimitiveIds.Sm4GcmDecrypt(size), Gm, "SM4-GCM decrypt (BouncyCastle)", input, size, aead.Decrypt);
            Add(PrimitiveIds.Sm3(size), Gm, "SM3 of ciphertext", $"{Report.Size(size)} + 16 B tag", size, aead.Sm3OfCiphertext);
        }
    }

    public void AddMlDsa(int headerLength)
    {
        var p = new MlDsaPrimitives(headerLength, random);
        var tbs = ToBeSignedLabel(headerLength);
        Add(PrimitiveIds.MlDsaSign, PostQuantum, "ML-DSA-65 sign (hedged)", tbs, null, p.SignOnce);
        Add(PrimitiveIds.MlDsaVerify, PostQuantum, "ML-DSA-65 verify", tbs, null, p.Verify);
    }

    private static string ToBeSignedLabel(int headerLength) => $"{Labels.EnvelopeSignature.Length + 5 + headerLength + 32} B to-be-signed";

    private void Add(string id, string suite, string operation, string input, int? bytes, Func<int> run)
    {
        var benchmark = harness.Add($"{suite} {operation} [{input}]", run);
        results.Primitives.Add(new PrimitiveResult(id, suite, operation, input, bytes, benchmark));
    }
}
