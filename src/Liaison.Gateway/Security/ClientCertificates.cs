using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liaison.Gateway.Security;

/// <summary>
/// Client certificates that say who a caller is: the subject id, role and unit as URI subject
/// alternative names (<c>urn:liaison:subject:ID</c>, <c>urn:liaison:role:ROLE</c>,
/// <c>urn:liaison:unit:UNIT</c>), an ECDSA P-256 key, the clientAuth usage and a random serial.
/// The CLI's CA (<c>liaison ca issue</c>), the demo and the tests issue them here so that the
/// gateway reads exactly what they write. Stateless and thread-safe.
/// </summary>
public static class ClientCertificates
{
    public const string SubjectUri = "urn:liaison:subject:";
    public const string RoleUri = "urn:liaison:role:";
    public const string UnitUri = "urn:liaison:unit:";

    /// <summary>The clientAuth extended key usage (RFC 5280 id-kp-clientAuth).</summary>
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private const int MaxSubjectIdLength = 128;
    private const int MaxUnitLength = 63;

    /// <summary>
    /// A subject id: letters, digits, '.', '_', '-' and '/', such as "vn-laocai/officer-0042";
    /// a staff or system id, never a person's name.
    /// </summary>
    public static bool IsSubjectId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxSubjectIdLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/');

    /// <summary>A unit: empty, or lower-case letters, digits and '-', at most 63 characters, such as "bat-xat-police".</summary>
    public static bool IsUnit(string? value) =>
        value is not null && value.Length <= MaxUnitLength && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// A client certificate for <paramref name="caller"/>, signed by <paramref name="authority"/> (which
    /// must hold its private key), with the new certificate's private key.
    /// </summary>
    /// <exception cref="ArgumentException">The caller's subject id or unit is not valid.</exception>
    public static X509Certificate2 Issue(X509Certificate2 authority, Caller caller, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(caller);
        if (!IsSubjectId(caller.SubjectId))
        {
            throw new ArgumentException("A subject id is letters, digits, '.', '_', '-' and '/', at most 128 characters.", nameof(caller));
        }

        if (!IsUnit(caller.Unit))
        {
            throw new ArgumentException("A unit is lower-case letters, digits and '-', at most 63 characters.", nameof(caller));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={caller.SubjectId}"), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(SubjectUri + caller.SubjectId));
        names.AddUri(new Uri(RoleUri + CallerRoles.Name(caller.Role)));
        if (caller.Unit.Length > 0)
        {
            names.AddUri(new Uri(UnitUri + caller.Unit));
        }

        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        var until = notAfter < authority.NotAfter ? notAfter : new DateTimeOffset(authority.NotAfter.ToUniversalTime());
        using var signed = request.Create(authority, notBefore, until, NewSerialNumber());
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// The caller a certificate names, or null when it does not name exactly one valid subject id and
    /// one known role (and at most one valid unit). Says nothing about whether the certificate is trusted.
    /// </summary>
    public static Caller? CallerOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var uris = Uris(certificate);
        if (uris is null)
        {
            return null;
        }

        var subjects = uris.Where(u => u.StartsWith(SubjectUri, StringComparison.Ordinal)).Select(u => u[SubjectUri.Length..]).ToList();
        var roles = uris.Where(u => u.StartsWith(RoleUri, StringComparison.Ordinal)).Select(u => u[RoleUri.Length..]).ToList();
        var units = uris.Where(u => u.StartsWith(UnitUri, StringComparison.Ordinal)).Select(u => u[UnitUri.Length..]).ToList();
        if (subjects.Count != 1 || !IsSubjectId(subjects[0]) || roles.Count != 1 || !CallerRoles.TryParse(roles[0], out var role) || units.Count > 1)
        {
            return null;
        }

        var unit = units.Count == 1 ? units[0] : "";
        return IsUnit(unit) ? new Caller(subjects[0], role, unit) : null;
    }

    /// <summary>A random positive serial number of 16 bytes, as CAs are asked to use (at least 64 bits of entropy).</summary>
    public static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40); // positive, and no leading zero byte to be dropped in DER
        return serial;
    }

    /// <summary>The URI names of the subject alternative name extension; null when it is missing or malformed.</summary>
    private static List<string>? Uris(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        if (extension is null)
        {
            return null;
        }

        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var uris = new List<string>();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(uriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }

            return uris;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
