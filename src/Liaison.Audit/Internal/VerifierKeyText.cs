using System.Globalization;
using Liaison.Audit.Notes;

namespace Liaison.Audit.Internal;

/// <summary>
/// The text form of a verifier key used by golang.org/x/mod/sumdb/note and the
/// C2SP vkey convention: <c>name+hex key ID+base64(type ‖ public key)</c>.
/// </summary>
internal static class VerifierKeyText
{
    public static (string Name, uint KeyHash, byte[] PublicKey) Parse(string verifierKey, byte expectedType, int keyLength)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = verifierKey.Split('+', 3);
        if (parts.Length != 3 || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyHash))
        {
            throw new NoteFormatException("A verifier key is '<name>+<8 hex digits>+<base64 type and key>'.");
        }
        var typeAndKey = StrictBase64.Decode(parts[2]);
        if (typeAndKey is null || typeAndKey.Length != 1 + keyLength || typeAndKey[0] != expectedType)
        {
            throw new NoteFormatException($"The verifier key is not a key of signature type 0x{expectedType:x2} with a {keyLength}-byte public key.");
        }
        if (NoteKeyName.Problem(parts[0]) is { } problem)
        {
            throw new NoteFormatException($"The verifier key: {problem}.");
        }
        var computed = NoteKeyId.Compute(parts[0], expectedType, typeAndKey.AsSpan(1));
        if (computed != keyHash)
        {
            throw new NoteFormatException($"The verifier key's ID {parts[1]} does not match its name and key ({computed:x8}).");
        }
        return (parts[0], keyHash, typeAndKey[1..]);
    }

    public static string Format(string name, uint keyHash, byte type, ReadOnlySpan<byte> publicKey) =>
        $"{name}+{keyHash:x8}+{Convert.ToBase64String([type, .. publicKey])}";
}
