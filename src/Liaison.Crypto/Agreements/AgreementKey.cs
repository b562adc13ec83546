using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Agreements;

/// <summary>A public key of an agreement, parsed once, with its validity.</summary>
internal sealed record AgreementKey(string Node, PublicKeyMaterial Material, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Revoked)
{
    public KeyAlgorithm Algorithm => Material.Algorithm;

    public bool IsValidAt(DateTimeOffset time) => !Revoked && NotBefore <= time && time < NotAfter;

    /// <summary>Parses and checks a published key; the problem sentence is returned rather than thrown.</summary>
    public static AgreementKey? TryCreate(string node, PublicKey key, List<string> problems)
    {
        var where = $"Key {KeyIds.ToHex(key.KeyId.Span)} of '{node}'";
        PublicKeyMaterial material;
        try
        {
            material = PublicKeyMaterial.Parse(key.Algorithm, key.PublicKey_.Span);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            problems.Add($"{where} is not a valid {key.Algorithm} public key.");
            return null;
        }

        if (!material.KeyId.Span.SequenceEqual(key.KeyId.Span))
        {
            problems.Add($"{where} does not match its public key (expected id {KeyIds.ToHex(material.KeyId.Span)}).");
            return null;
        }

        var notBefore = ProtoTime.TryToDateTimeOffset(key.NotBefore);
        var notAfter = ProtoTime.TryToDateTimeOffset(key.NotAfter);
        if (notBefore is null || notAfter is null || notBefore >= notAfter)
        {
            problems.Add($"{where} needs a validity period with not_before before not_after.");
            return null;
        }

        return new AgreementKey(node, material, notBefore.Value, notAfter.Value, key.Revocation is not null);
    }
}
