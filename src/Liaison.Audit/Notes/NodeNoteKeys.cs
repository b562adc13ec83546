using Liaison.Crypto.V1;

namespace Liaison.Audit.Notes;

/// <summary>The signed-note key hash of a node's signing key, per suite.</summary>
internal static class NodeNoteKeys
{
    public static uint KeyHash(string keyName, Suite suite, ReadOnlySpan<byte> publicKey) => suite switch
    {
        Suite.InternationalV1 => NoteKeyId.Compute(keyName, NoteSignatureType.Ed25519, publicKey),
        Suite.GmV1 => NoteKeyId.ForSm2(keyName, publicKey),
        _ => throw new ArgumentOutOfRangeException(nameof(suite), suite, "Not a suite with a note signature type."),
    };
}
