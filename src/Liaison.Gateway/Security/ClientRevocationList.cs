using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Gateway.Security;

/// <summary>
/// An X.509 certificate revocation list (RFC 5280 §5) whose signature has been checked against the CA
/// that issued it: the serial numbers it revokes, and when it was issued and should be replaced.
/// Immutable. .NET can write CRLs (CertificateRevocationListBuilder) but offers no reader of the
/// revoked entries, hence this small one.
/// </summary>
public sealed class ClientRevocationList
{
    private readonly HashSet<BigInteger> revoked;

    private ClientRevocationList(X500DistinguishedName issuer, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<BigInteger> revoked)
    {
        Issuer = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        this.revoked = revoked;
    }

    public X500DistinguishedName Issuer { get; }

    public DateTimeOffset ThisUpdate { get; }

    public DateTimeOffset? NextUpdate { get; }

    public int Count => revoked.Count;

    /// <summary>Whether <paramref name="certificate"/>, issued by this list's issuer, is revoked by it.</summary>
    public bool Revokes(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.IssuerName.RawData.AsSpan().SequenceEqual(Issuer.RawData)
            && revoked.Contains(new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Reads a CRL in PEM ("X509 CRL") or DER and checks that one of <paramref name="authorities"/> signed it.</summary>
    /// <exception cref="CryptographicException">It is not a CRL, or none of the authorities issued and signed it; the message says which.</exception>
    public static ClientRevocationList Read(ReadOnlySpan<byte> file, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        var der = Der(file);
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var tbs = list.ReadEncodedValue();
            var signatureAlgorithm = ReadAlgorithm(list);
            var signature = list.ReadBitString(out _);
            list.ThrowIfNotEmpty();

            var body = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
            if (body.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                body.ReadInteger();
            }

            ReadAlgorithm(body);
            var issuer = new X500DistinguishedName(body.ReadEncodedValue().Span);
            var thisUpdate = ReadTime(body);
            DateTimeOffset? nextUpdate = body.HasData && IsTime(body.PeekTag()) ? ReadTime(body) : null;
            var revoked = new HashSet<BigInteger>();
            if (body.HasData && body.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = body.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(new BigInteger(entry.ReadIntegerBytes().Span, isUnsigned: true, isBigEndian: true));
                }
            }

            var authority = authorities.FirstOrDefault(a => a.SubjectName.RawData.AsSpan().SequenceEqual(issuer.RawData))
                ?? throw new CryptographicException($"The revocation list was issued by '{issuer.Name}', which is not a configured client CA.");
            if (!Verify(authority, signatureAlgorithm, tbs.Span, signature))
            {
                throw new CryptographicException($"The revocation list's signature does not verify with the key of '{issuer.Name}'.");
            }

            return new ClientRevocationList(issuer, thisUpdate, nextUpdate, revoked);
        }
        catch (AsnContentException ex)
        {
            throw new CryptographicException("The file is not an X.509 certificate revocation list.", ex);
        }
    }

    private static byte[] Der(ReadOnlySpan<byte> file)
    {
        var text = System.Text.Encoding.ASCII.GetString(file);
        if (PemEncoding.TryFind(text, out var fields))
        {
            return text[fields.Label].Equals("X509 CRL", StringComparison.Ordinal)
                ? Convert.FromBase64String(text[fields.Base64Data])
                : throw new CryptographicException($"The file holds a PEM '{text[fields.Label]}', not an 'X509 CRL'.");
        }

        return file.ToArray();
    }

    private static string ReadAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadEncodedValue(); // parameters (NULL for RSA)
        }

        return oid;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private static bool Verify(X509Certificate2 authority, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var hash = algorithm switch
        {
            "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => throw new CryptographicException($"The revocation list is signed with an algorithm this gateway does not accept ({algorithm})."),
        };
        if (algorithm.StartsWith("1.2.840.10045.", StringComparison.Ordinal))
        {
            using var ecdsa = authority.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = authority.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
