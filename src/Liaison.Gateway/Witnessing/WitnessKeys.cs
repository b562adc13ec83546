using Liaison.Audit.Notes;
using Liaison.Audit.Witnessing;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;

namespace Liaison.Gateway.Witnessing;

/// <summary>
/// Which key of a node signs its checkpoints and its cosignatures: its signing key, in the
/// suite of its first link in the agreement (as <see cref="Storage.CheckpointIssuer.SigningIdentity"/>
/// chose for its checkpoints), found in the agreement both sides signed.
/// </summary>
internal static class WitnessKeys
{
    /// <summary>The suite a node signs its audit notes in, or null when it sends on no link.</summary>
    public static Suite? SuiteOf(AgreementInForce agreement, string node) =>
        agreement.Document.Links.FirstOrDefault(l => l.SenderNode == node)?.Suite;

    /// <summary>The node's checkpoint key as valid at <paramref name="at"/>, or null when the agreement lists none.</summary>
    public static INoteVerifier? LogVerifier(AgreementInForce agreement, string node, DateTimeOffset at) =>
        SuiteOf(agreement, node) is { } suite && NodeStatements.CurrentSigningKey(agreement, node, suite, at) is not null
            ? new NodeNoteVerifier(agreement, node, suite, at)
            : null;

    /// <summary>The node's cosignature key as valid at <paramref name="at"/>, or null when the agreement lists none.</summary>
    public static INoteVerifier? CosignatureVerifier(AgreementInForce agreement, string node, DateTimeOffset at) =>
        SuiteOf(agreement, node) is { } suite && NodeStatements.CurrentSigningKey(agreement, node, suite, at) is not null
            ? new NodeCosignatureVerifier(agreement, node, suite, at)
            : null;
}
