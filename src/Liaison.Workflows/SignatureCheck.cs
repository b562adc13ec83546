using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>Verifies a <see cref="WorkflowSignature"/> over signing bytes, refusing the step when it does not hold.</summary>
internal static class SignatureCheck
{
    public static SignatureRecord Verify(
        StepContext context, ISignatureVerifier verifier, WorkflowSignature? signature, byte[] signedBytes, byte[] digest, WorkflowEvent e, Party author, DateTimeOffset at)
    {
        if (signature is null || signature.Signature.IsEmpty || !Liaison.Workflows.WorkflowIds.IsValid(signature.SignerNode)
            || string.IsNullOrEmpty(signature.KeyId) || string.IsNullOrEmpty(signature.Algorithm))
        {
            throw context.RefuseBecause("it carries no complete signature (signer node, key id, algorithm and signature bytes)");
        }
        if (!verifier.Verify(signature.SignerNode, signature.KeyId, signature.Algorithm, signedBytes, signature.Signature.Span))
        {
            throw context.RefuseBecause($"the signature by node {signature.SignerNode} with key {signature.KeyId} does not verify");
        }
        return new SignatureRecord(author, e.OfficerId, signature.SignerNode, signature.KeyId, signature.Algorithm, Convert.ToHexStringLower(digest), at);
    }
}
