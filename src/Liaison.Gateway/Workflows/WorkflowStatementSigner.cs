using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Gateway.Exchange;
using Liaison.Workflow.V1;
using Liaison.Workflows;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handover;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Signs, with this node's agreement key, the statements a workflow step asks this side to
/// sign: a criteria catalogue it proposes or endorses, a handover record its officer signs.
/// Officers' tools send the step unsigned; the node signs for its side, as it seals for it.
/// A signature already present is left alone (the state machine verifies it).
/// </summary>
internal static class WorkflowStatementSigner
{
    public static WorkflowEvent Sign(WorkflowEvent step, object? state, GatewayNode node, string peerNode, DateTimeOffset at)
    {
        var signed = step.Clone();
        switch (signed.EventCase)
        {
            case WorkflowEvent.EventOneofCase.CriteriaProposal when signed.CriteriaProposal.ProposerSignature is null && signed.CriteriaProposal.Catalogue is { } catalogue:
                signed.CriteriaProposal.ProposerSignature = For(node, peerNode, CriteriaDigest.SigningBytes(catalogue), at);
                break;
            case WorkflowEvent.EventOneofCase.CriteriaCounterProposal when signed.CriteriaCounterProposal.ProposerSignature is null && signed.CriteriaCounterProposal.Catalogue is { } counter:
                signed.CriteriaCounterProposal.ProposerSignature = For(node, peerNode, CriteriaDigest.SigningBytes(counter), at);
                break;
            case WorkflowEvent.EventOneofCase.CriteriaEndorsement when signed.CriteriaEndorsement.EndorserSignature is null:
                var endorsement = signed.CriteriaEndorsement;
                if (endorsement.CatalogueDigest.IsEmpty && state is CriteriaState pending)
                {
                    // Endorsing "the pending version" is the usual intent: name its digest for the officer.
                    endorsement.CatalogueDigest = ByteString.CopyFrom(Convert.FromHexString(pending.Version.DigestHex));
                }

                endorsement.EndorserSignature = For(node, peerNode, WorkflowSigning.CriteriaCatalogueBytes(endorsement.CatalogueDigest.Span), at);
                break;
            case WorkflowEvent.EventOneofCase.HandoverRecordSignature when signed.HandoverRecordSignature.Signature is null && signed.HandoverRecordSignature.Record is { } record:
                signed.HandoverRecordSignature.Signature = For(node, peerNode, HandoverRecordDigest.SigningBytes(record), at);
                break;
        }

        return signed;
    }

    private static WorkflowSignature For(GatewayNode node, string peerNode, byte[] statement, DateTimeOffset at)
    {
        var signature = NodeStatements.Sign(node.Agreement, node.Keys, peerNode, statement, at);
        return new WorkflowSignature
        {
            SignerNode = node.NodeId,
            KeyId = signature.KeyIdHex,
            Algorithm = signature.Algorithm,
            Signature = ByteString.CopyFrom(signature.Value),
        };
    }

    /// <summary>The node a step's signature names, when the step carries one: it must be the step's author.</summary>
    public static string? SignerOf(WorkflowEvent step) => step.EventCase switch
    {
        WorkflowEvent.EventOneofCase.CriteriaProposal => step.CriteriaProposal.ProposerSignature?.SignerNode,
        WorkflowEvent.EventOneofCase.CriteriaCounterProposal => step.CriteriaCounterProposal.ProposerSignature?.SignerNode,
        WorkflowEvent.EventOneofCase.CriteriaEndorsement => step.CriteriaEndorsement.EndorserSignature?.SignerNode,
        WorkflowEvent.EventOneofCase.HandoverRecordSignature => step.HandoverRecordSignature.Signature?.SignerNode,
        _ => null,
    };
}
