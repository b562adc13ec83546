using System.Buffers.Binary;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// Verifies cosignatures made by <see cref="NodeCosigner"/>: the witness node's signing key of
/// a suite, as the agreement in force publishes it and as valid at <c>at</c>. Never throws on
/// malformed signatures. Thread-safe.
/// </summary>
public sealed class NodeCosignatureVerifier : Notes.INoteVerifier
{
    private readonly AgreementInForce agreement;
    private readonly NodeStatements.SigningKey key;
    private readonly DateTimeOffset at;

    /// <exception cref="InvalidOperationException">The agreement lists no signing key of <paramref name="node"/> in <paramref name="suite"/> valid at <paramref name="at"/>.</exception>
    public NodeCosignatureVerifier(AgreementInForce agreement, string node, Suite suite, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        this.agreement = agreement;
        this.at = at;
        key = NodeStatements.CurrentSigningKey(agreement, node, suite, at)
            ?? throw new InvalidOperationException($"The agreement lists no signing key of '{node}' in suite {suite} valid at {at:O}.");
        KeyName = node;
        KeyHash = NodeCosignatures.KeyHash(node, suite, key.PublicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    public bool Verify(byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length <= 8)
        {
            return false;
        }

        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
        // The spec caps the timestamp at 2^63 - 1.
        return timestamp <= long.MaxValue
            && NodeStatements.Verify(agreement, key.Node, key.KeyIdHex, key.Algorithm, NodeCosignatures.Message(message, timestamp), signature.AsSpan(8), at);
    }
}
