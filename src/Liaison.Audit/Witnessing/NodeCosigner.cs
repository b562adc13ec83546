using System.Buffers.Binary;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;

namespace Liaison.Audit.Witnessing;

/// <summary>
/// Cosigns a partner's checkpoints with this node's own agreement key in one suite
/// (see <see cref="NodeCosignatures"/>). As an <see cref="Notes.INoteSigner"/> it plugs into
/// <see cref="Witness"/>; the time comes from the injected clock. The key name is the node id,
/// so the partner finds the key in the agreement both sides signed. Thread-safe.
/// </summary>
public sealed class NodeCosigner : Notes.INoteSigner
{
    private readonly AgreementInForce agreement;
    private readonly KeyRing keys;
    private readonly Suite suite;
    private readonly TimeProvider time;

    /// <exception cref="InvalidOperationException">The agreement lists no valid signing key of this node in <paramref name="suite"/>.</exception>
    public NodeCosigner(AgreementInForce agreement, KeyRing keys, Suite suite, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        (this.agreement, this.keys, this.suite, this.time) = (agreement, keys, suite, time);
        var key = NodeStatements.CurrentSigningKey(agreement, keys.Owner, suite, time.GetUtcNow())
            ?? throw new InvalidOperationException($"The agreement lists no signing key of '{keys.Owner}' in suite {suite} valid now.");
        KeyName = keys.Owner;
        KeyHash = NodeCosignatures.KeyHash(KeyName, suite, key.PublicKey);
    }

    public string KeyName { get; }

    public uint KeyHash { get; }

    /// <summary>Returns u64be(now) ‖ signature over the cosignature/v1 message for the note text <paramref name="message"/>.</summary>
    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var seconds = now.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new InvalidOperationException("The clock is before 1970; a cosignature timestamp cannot be negative.");
        }

        var signature = NodeStatements.SignIn(agreement, keys, suite, NodeCosignatures.Message(message, (ulong)seconds), now).Value;
        var line = new byte[8 + signature.Length];
        BinaryPrimitives.WriteUInt64BigEndian(line, (ulong)seconds);
        signature.CopyTo(line, 8);
        return line;
    }
}
