namespace Liaison.Audit.Notes;

/// <summary>
/// A trusted public key for signed notes. A signature line is checked by the
/// verifier whose key name and key ID both match; lines of other keys are ignored,
/// as the signed-note spec requires. Implementations must be thread-safe.
/// </summary>
public interface INoteVerifier
{
    string KeyName { get; }

    uint KeyHash { get; }

    /// <summary>True when <paramref name="signature"/> (without the key ID) is valid over <paramref name="message"/>. Never throws on malformed signatures.</summary>
    bool Verify(byte[] message, byte[] signature);
}
