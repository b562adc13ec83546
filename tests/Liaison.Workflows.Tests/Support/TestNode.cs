using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Liaison.Workflows.Tests.Support;

/// <summary>A node with a real Ed25519 key, derived from a fixed seed so tests are reproducible.</summary>
public sealed class TestNode
{
    private readonly Ed25519PrivateKeyParameters privateKey;

    public TestNode(string nodeId, byte seed)
    {
        NodeId = nodeId;
        KeyId = $"{nodeId}-sig-1";
        privateKey = new Ed25519PrivateKeyParameters(Enumerable.Repeat(seed, 32).ToArray(), 0);
        PublicKey = privateKey.GeneratePublicKey();
    }

    public static TestNode LaoCai { get; } = new("vn-laocai", 1);

    public static TestNode Yunnan { get; } = new("cn-yunnan", 2);

    public static TestNode Outsider { get; } = new("th-chiangrai", 3);

    public string NodeId { get; }

    public string KeyId { get; }

    public Ed25519PublicKeyParameters PublicKey { get; }

    public byte[] Sign(byte[] bytes)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, privateKey);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }
}
