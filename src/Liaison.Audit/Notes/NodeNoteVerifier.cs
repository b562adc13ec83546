using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Notes;

/// <summary>
/// Verifies notes signed by <see cref="NodeNoteSigner"/>: the partner node's signing key of a
/// suite, as the agreement in force publishes it and as valid at <c>at</c>. Thread-safe.
/// </summary>
public sealed class NodeNoteVerifier : INoteVerifier
{
    private readonly AgreementInForce agreement;
    private readonly NodeStatements.SigningKey key;
    private readonly DateTimeOffset at;

    /// <exception cref="InvalidOperationException">The agreement lists no signing key of <paramref name="node"/> in <paramref name="suite"/> valid at <paramref name="at"/>.</exception>
    public NodeNoteVerifier(AgreementInForce agreement, string node, Suite suite, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        this.agreement = agreement;
        this.at = at;
        key = NodeStatements.CurrentSigningKey(agreement, node, suite, at)
            ?? throw new InvalidOperationException($"The agreement lists no signing key of '{node}' in suite {suite} valid at {at:O}.");
        KeyName = node;
        KeyHash = NodeNoteKeys.KeyHash(node, suite, key.PublicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    public bool Verify(byte[] message, byte[] signature) =>
        NodeStatements.Verify(agreement, key.Node, key.KeyIdHex, key.Algorithm, message, signature, at);
}
