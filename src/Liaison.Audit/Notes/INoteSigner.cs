namespace Liaison.Audit.Notes;

/// <summary>
/// A key that signs C2SP signed notes (https://c2sp.org/signed-note). The
/// gateway implements it over its node key (Ed25519 or SM2) so that this library
/// never holds the gateway's private keys. Implementations must be thread-safe.
/// </summary>
public interface INoteSigner
{
    /// <summary>The key name of the signature line: non-empty, no Unicode spaces, no '+'.</summary>
    string KeyName { get; }

    /// <summary>The 32-bit key ID (see <see cref="NoteKeyId"/>), written big-endian before the signature.</summary>
    uint KeyHash { get; }

    /// <summary>Signs the note text (UTF-8, including its final newline); returns the signature without the key ID.</summary>
    byte[] Sign(byte[] message);
}
