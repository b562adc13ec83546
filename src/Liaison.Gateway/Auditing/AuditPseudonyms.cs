using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Liaison.Crypto.Keys;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// The subjects of audit entries: keyed hashes that link entries about the same case or
/// person without revealing which. A subject is
/// <code>
/// kind ":" base64url(HMAC-SHA256(pseudonym key, kind ":" value)[0..16])     e.g. "case:9bHq…" (22 characters after the colon)
/// </code>
/// with kind "case" (value: the case reference) or "person" (value: the id the gateway
/// gives a person). The kind in the HMAC input keeps a case and a person with the same text
/// apart. 128 bits are plenty against collisions among one node's cases, and without the
/// key nobody can test a guessed case reference against a subject (case references are
/// short and guessable, so a plain hash would hide nothing).
/// <para>
/// The key never leaves the node and is never a constant: <see cref="FromNodeKeys"/> derives
/// it from the node's own private key with HKDF-SHA256 under a label of its own. So only the
/// node can turn a case reference into a subject (the auditor API does it for its callers),
/// and the subjects change when the node's first key changes (see deploy/audit-log.md).
/// Immutable and thread-safe.
/// </para>
/// </summary>
public sealed class AuditPseudonyms : Storage.IAuditSubjects
{
    public const string CaseKind = "case";
    public const string PersonKind = "person";
    public const int KeyLength = 32;

    private const int TagBytes = 16;
    private static readonly int EncodedTagLength = Base64Url.GetEncodedLength(TagBytes);
    private static readonly byte[] DerivationSalt = Encoding.ASCII.GetBytes("liaison-audit-pseudonym-key-v1");

    private readonly byte[] key;

    /// <param name="key">At least <see cref="KeyLength"/> secret bytes.</param>
    public AuditPseudonyms(ReadOnlySpan<byte> key)
    {
        if (key.Length < KeyLength)
        {
            throw new ArgumentException($"An audit pseudonym key has at least {KeyLength} bytes.", nameof(key));
        }

        this.key = key.ToArray();
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(this.key, "liaison-audit-pseudonym-key-id"u8)[..8]);
    }

    /// <summary>A public fingerprint of the key (16 hex digits), to tell in the audit log when the key changed, without revealing it.</summary>
    public string KeyId { get; }

    /// <summary>
    /// The node's pseudonym key: HKDF-SHA256 (RFC 5869) with input key material the encoded
    /// private key of the ring's first key (its key file's order), salt
    /// "liaison-audit-pseudonym-key-v1" and info the node id; 32 bytes.
    /// </summary>
    public static AuditPseudonyms FromNodeKeys(KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var bundle = keys.ToBundle();
        if (bundle.Keys.Count == 0)
        {
            throw new ArgumentException($"The key ring of '{keys.Owner}' holds no key to derive an audit pseudonym key from.", nameof(keys));
        }

        var secret = bundle.Keys[0].PrivateKey_.ToByteArray();
        try
        {
            return new AuditPseudonyms(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeyLength, DerivationSalt, Encoding.UTF8.GetBytes(keys.Owner)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The subject of a case; empty for an empty case reference.</summary>
    public string ForCase(string caseReference) => Subject(CaseKind, caseReference);

    /// <summary>The subject of a person, by the id the gateway gives them; empty for an empty id.</summary>
    public string ForPerson(string personId) => Subject(PersonKind, personId);

    /// <summary>Whether <paramref name="text"/> has the shape of a subject (any key).</summary>
    public static bool IsSubject(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || text[..colon] is not (CaseKind or PersonKind))
        {
            return false;
        }

        var tag = text.AsSpan(colon + 1);
        return tag.Length == EncodedTagLength && Base64Url.IsValid(tag, out var decoded) && decoded == TagBytes;
    }

    private string Subject(string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "";
        }

        var tag = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + ":" + value));
        return kind + ":" + Base64Url.EncodeToString(tag.AsSpan(0, TagBytes));
    }
}
