using Google.Protobuf;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Builds wire signatures with a test node's real key.</summary>
public static class Signatures
{
    public static WorkflowSignature By(TestNode node, byte[] signedBytes) => new()
    {
        SignerNode = node.NodeId,
        KeyId = node.KeyId,
        Algorithm = "ed25519",
        Signature = ByteString.CopyFrom(node.Sign(signedBytes)),
    };
}
