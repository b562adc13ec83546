using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Crypto.Tests.Vectors;

/// <summary>
/// The committed vectors in tests/vectors are checked two ways: regenerating them
/// gives the same bytes, and an opener built only from the file's contents accepts
/// the valid ones and rejects each invalid one with its labelled reason.
/// Regenerate with: LIAISON_REGENERATE_VECTORS=1 dotnet test tests/Liaison.Crypto.Tests --filter FullyQualifiedName~VectorTests
/// </summary>
public sealed class VectorTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<Suite, bool> Files() => new()
    {
        { Suite.InternationalV1, false },
        { Suite.InternationalV1, true },
        { Suite.GmV1, false },
        { Suite.GmV1, true },
    };

    private static string PathOf(Suite suite, bool postQuantum) =>
        Path.Combine(RepositoryRoot(), "tests", "vectors", VectorGenerator.FileName(suite, postQuantum));

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liaison.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Liaison.sln not found above the test binaries.");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void CommittedVectorsAreExactlyWhatTheGeneratorProduces(Suite suite, bool postQuantum)
    {
        var generated = VectorGenerator.Generate(suite, postQuantum).ToJsonString(Indented) + "\n";
        var path = PathOf(suite, postQuantum);
        if (Environment.GetEnvironmentVariable("LIAISON_REGENERATE_VECTORS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate the vectors (see this class's summary).");
        Assert.True(generated == File.ReadAllText(path), $"{path} differs from what the generator produces: the wire format changed. Regenerate only if the change is intended.");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ValidVectorsOpenToTheirPayloadAndIntermediateValues(Suite suite, bool postQuantum)
    {
        var vectors = Load(suite, postQuantum);
        var (agreement, recipient) = Parties(vectors);
        var opener = new EnvelopeOpener(agreement, recipient, new FakeTimeProvider(DateTimeOffset.Parse(vectors["opener_now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        var cipherSuite = CipherSuites.Get(suite);

        foreach (var vector in vectors["valid"]!.AsArray())
        {
            var envelope = Hex(vector!["envelope"]);
            var result = opener.Open(envelope);
            Assert.True(result.IsAccepted, $"{vector["name"]}: {result.Detail}");
            Assert.Equal(Hex(vector["payload"]), result.Payload);

            var sealedEnvelope = SealedEnvelope.Parser.ParseFrom(envelope);
            var header = EnvelopeHeader.Parser.ParseFrom(sealedEnvelope.Header);
            var secret = cipherSuite.Decapsulate(recipient.Find(header.RecipientKeyId.Span)!, header.KeyEstablishment.Encapsulation.ToByteArray());
            var contentKey = cipherSuite.DeriveContentKey(secret!, header.EnvelopeId.Span);
            Assert.Equal(Hex(vector["header"]), sealedEnvelope.Header.ToByteArray());
            Assert.Equal(Hex(vector["session_secret"]), secret);
            Assert.Equal(Hex(vector["content_key"]), contentKey.Key);
            Assert.Equal(Hex(vector["nonce"]), contentKey.Nonce);
            Assert.Equal(postQuantum ? 2 : 1, header.SignatureAlgorithms.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void InvalidVectorsAreRejectedWithTheirLabelledReason(Suite suite, bool postQuantum)
    {
        var vectors = Load(suite, postQuantum);
        var (agreement, recipient) = Parties(vectors);
        var reasons = new HashSet<string>();

        foreach (var vector in vectors["invalid"]!.AsArray())
        {
            var now = (vector!["opener_now"] ?? vectors["opener_now"])!.GetValue<string>();
            var opener = new EnvelopeOpener(agreement, recipient, new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
            var result = opener.Open(Hex(vector["envelope"]));
            var reason = RejectionReason.Unspecified.Descriptor().FindValueByName(vector["expected_reason"]!.GetValue<string>());

            Assert.False(result.IsAccepted, $"{vector["name"]} was accepted");
            Assert.Equal((RejectionReason)reason.Number, result.Reason);
            reasons.Add(reason.Name);
        }

        Assert.True(reasons.Count >= 12, "the invalid set should cover most rejection reasons");
    }

    private static JsonObject Load(Suite suite, bool postQuantum) =>
        JsonNode.Parse(File.ReadAllText(PathOf(suite, postQuantum)))!.AsObject();

    /// <summary>Rebuilds the agreement and the recipient's keys from the file alone.</summary>
    private static (AgreementInForce Agreement, KeyRing Recipient) Parties(JsonObject vectors)
    {
        var agreement = AgreementInForce.Load(SignedAgreement.Parser.ParseFrom(Hex(vectors["signed_agreement"])));
        var node = vectors["recipient_node"]!.GetValue<string>();
        var keys = vectors["keys"]![node]!.AsArray().Select(k =>
        {
            var algorithm = (KeyAlgorithm)Liaison.Crypto.V1.CryptoReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(KeyAlgorithm))
                .FindValueByName(k!["algorithm"]!.GetValue<string>()).Number;
            var key = PrivateKeyMaterial.Parse(algorithm, Hex(k["private_key"]));
            Assert.Equal(Hex(k["key_id"]), key.KeyId.ToArray());
            return key;
        });
        return (agreement, KeyRing.Create(node, keys));
    }

    private static byte[] Hex(JsonNode? node) => Convert.FromHexString(node!.GetValue<string>());
}

internal static class RejectionReasonDescriptor
{
    public static Google.Protobuf.Reflection.EnumDescriptor Descriptor(this RejectionReason _) =>
        EnvelopeReflection.Descriptor.EnumTypes.Single(e => e.Name == nameof(RejectionReason));
}
