using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Notes;

/// <summary>
/// Signs notes (checkpoints, cosignatures' messages) with a gateway node's own agreement key
/// in one suite: Ed25519 as signed-note type 0x01; SM2/SM3 as an unassigned type with the
/// identifier <see cref="NoteSignatureType.Sm2Identifier"/> (the node id is SM2's
/// distinguishing identifier). The key name is the node id, so a partner finds the key in the
/// agreement both sides signed. Thread-safe.
/// </summary>
public sealed class NodeNoteSigner : INoteSigner
{
    private readonly AgreementInForce agreement;
    private readonly KeyRing keys;
    private readonly Suite suite;
    private readonly TimeProvider time;

    /// <exception cref="InvalidOperationException">The agreement lists no valid signing key of this node in <paramref name="suite"/>.</exception>
    public NodeNoteSigner(AgreementInForce agreement, KeyRing keys, Suite suite, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        (this.agreement, this.keys, this.suite, this.time) = (agreement, keys, suite, time);
        var key = NodeStatements.CurrentSigningKey(agreement, keys.Owner, suite, time.GetUtcNow())
            ?? throw new InvalidOperationException($"The agreement lists no signing key of '{keys.Owner}' in suite {suite} valid now.");
        KeyName = keys.Owner;
        KeyHash = NodeNoteKeys.KeyHash(KeyName, suite, key.PublicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    public byte[] Sign(byte[] message) => NodeStatements.SignIn(agreement, keys, suite, message, time.GetUtcNow()).Value;
}
