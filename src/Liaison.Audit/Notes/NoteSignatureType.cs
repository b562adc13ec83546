namespace Liaison.Audit.Notes;

/// <summary>
/// Signature type bytes that go into key IDs (https://c2sp.org/signed-note, "Signature types").
/// </summary>
public static class NoteSignatureType
{
    /// <summary>0x01: Ed25519 over the note text.</summary>
    public const byte Ed25519 = 0x01;

    /// <summary>0x04: timestamped Ed25519 witness cosignature (https://c2sp.org/tlog-cosignature).</summary>
    public const byte CosignatureV1 = 0x04;

    /// <summary>
    /// 0xFF: reserved by the spec for signature types without an assigned byte,
    /// to be followed by a longer identifier. SM2 has no assigned byte, so Liaison's
    /// SM2 note key ID is SHA-256(name ‖ 0x0A ‖ 0xFF ‖ <see cref="Sm2Identifier"/> ‖ key)[:4].
    /// </summary>
    public const byte Unassigned = 0xFF;

    /// <summary>
    /// The identifier after 0xFF for SM2 signatures (SM3 digest, distinguishing
    /// identifier = the signer's node id) over the note text, with a 65-byte
    /// uncompressed public key. ASCII, ending in a newline so that it cannot run
    /// into the key bytes.
    /// </summary>
    public const string Sm2Identifier = "liaison/sm2-sm3/v1\n";
}
