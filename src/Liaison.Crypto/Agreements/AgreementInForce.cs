using Liaison.Agreement.V1;
using Liaison.Crypto.Internal;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Agreements;

/// <summary>
/// An exchange agreement that is structurally valid and signed, over the same
/// bytes, by an authority key of every party. Only instances of this type are
/// used to seal and open envelopes. Immutable and thread-safe.
/// </summary>
public sealed class AgreementInForce
{
    private readonly Dictionary<string, PartyKeys> parties;

    private AgreementInForce(SignedAgreement signed, ExchangeAgreement document, Dictionary<string, PartyKeys> parties)
    {
        Signed = signed;
        Document = document;
        this.parties = parties;
        Digest = DigestOf(signed.Agreement.Span);
    }

    public SignedAgreement Signed { get; }

    public ExchangeAgreement Document { get; }

    /// <summary>SHA-256 of the signed agreement bytes; the next version names it in supersedes_digest.</summary>
    public ReadOnlyMemory<byte> Digest { get; }

    public uint Version => Document.Version;

    public TimeSpan MaxEnvelopeLifetime => Document.MaxEnvelopeLifetime.ToTimeSpan();

    /// <summary>Envelopes created before this time are outside the agreement.</summary>
    public DateTimeOffset EffectiveFrom => Document.EffectiveFrom.ToDateTimeOffset();

    /// <summary>SHA-256 of agreement bytes, whatever their suites: what signers compare and what the next version supersedes.</summary>
    public static byte[] DigestOf(ReadOnlySpan<byte> agreementBytes) => Digests.Sha256(agreementBytes);

    /// <summary>Loads a first agreement (trusted out of band, e.g. by comparing its digest), or throws <see cref="AgreementException"/>.</summary>
    public static AgreementInForce Load(SignedAgreement signed) => Inspect(signed, null).RequireInForce();

    /// <summary>Replaces this agreement with a new version signed by the authorities of this one, or throws <see cref="AgreementException"/>.</summary>
    public AgreementInForce Replace(SignedAgreement candidate) => Inspect(candidate, this).RequireInForce();

    /// <summary>
    /// Checks an agreement without throwing: its structure, which parties have signed,
    /// and (when <paramref name="current"/> is given) whether it may replace that version.
    /// </summary>
    public static AgreementReport Inspect(SignedAgreement signed, AgreementInForce? current)
    {
        ArgumentNullException.ThrowIfNull(signed);
        var problems = new List<string>();
        ExchangeAgreement document;
        try
        {
            document = ExchangeAgreement.Parser.ParseFrom(signed.Agreement);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return new AgreementReport(null, null, DigestOf(signed.Agreement.Span), ["The agreement bytes are not a valid ExchangeAgreement."], [], []);
        }

        var parties = AgreementValidator.Validate(document, problems);
        if (current is not null)
        {
            CheckReplacement(document, signed, current, problems);
        }

        var signedBy = new List<string>();
        foreach (var signature in signed.Signatures)
        {
            // Authority continuity: a party of the version in force signs with a key of that version.
            var signer = current?.parties.GetValueOrDefault(signature.NodeId) ?? parties.GetValueOrDefault(signature.NodeId);
            var keyId = signature.Signature?.KeyId ?? Google.Protobuf.ByteString.Empty;
            var key = signer?.AuthorityKeys.FirstOrDefault(k => !k.Revoked && k.Material.KeyId.Span.SequenceEqual(keyId.Span));
            if (key is null || signature.Signature is null)
            {
                problems.Add($"A signature claims to be from '{signature.NodeId}' with a key that is not one of its authority keys.");
            }
            else if (!AgreementSignatures.Verify(key, signature.NodeId, signed.Agreement.Span, signature.Signature))
            {
                problems.Add($"The signature of '{signature.NodeId}' does not verify: the agreement was altered after signing, or the signature is forged.");
            }
            else if (!signedBy.Contains(signature.NodeId))
            {
                signedBy.Add(signature.NodeId);
            }
        }

        var missing = parties.Keys.Where(p => !signedBy.Contains(p)).ToList();
        AgreementInForce? agreement = problems.Count == 0 && missing.Count == 0 ? new AgreementInForce(signed, document, parties) : null;
        return new AgreementReport(agreement, document, DigestOf(signed.Agreement.Span), problems, signedBy, missing);
    }

    public Party? FindParty(string nodeId) => parties.GetValueOrDefault(nodeId)?.Party;

    public Link? FindLink(string senderNode, string recipientNode) =>
        Document.Links.FirstOrDefault(l => l.SenderNode == senderNode && l.RecipientNode == recipientNode);

    /// <summary>
    /// The largest attachment <paramref name="senderNode"/> may send to <paramref name="recipientNode"/>:
    /// the link's max_attachment_bytes, or <see cref="AgreementDraft.DefaultMaxAttachmentBytes"/> when
    /// that is 0; 0 when there is no such link.
    /// </summary>
    public ulong MaxAttachmentBytes(string senderNode, string recipientNode) => FindLink(senderNode, recipientNode) switch
    {
        null => 0,
        { MaxAttachmentBytes: 0 } => AgreementDraft.DefaultMaxAttachmentBytes,
        var link => link.MaxAttachmentBytes,
    };

    internal bool IsParty(string nodeId) => parties.ContainsKey(nodeId);

    internal AgreementKey? FindNodeKey(string nodeId, ReadOnlySpan<byte> keyId)
    {
        if (!parties.TryGetValue(nodeId, out var party))
        {
            return null;
        }

        foreach (var key in party.NodeKeys)
        {
            if (key.Material.KeyId.Span.SequenceEqual(keyId))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The newest node key of an algorithm valid at a time: during a rotation's overlap the new key wins.</summary>
    internal AgreementKey? CurrentNodeKey(string nodeId, KeyAlgorithm algorithm, DateTimeOffset at) =>
        parties.GetValueOrDefault(nodeId)?.NodeKeys
            .Where(k => k.Algorithm == algorithm && k.IsValidAt(at))
            .MaxBy(k => k.NotBefore);

    /// <summary>
    /// The newest of a node's own private keys that this agreement lists as valid at a time.
    /// During a rotation's overlap both keys are valid, and the newer one wins.
    /// </summary>
    internal Keys.PrivateKeyMaterial? NewestOwnKey(Keys.KeyRing ring, KeyAlgorithm algorithm, DateTimeOffset at) =>
        ring.Keys
            .Where(k => k.Algorithm == algorithm)
            .Select(k => (Key: k, Published: FindNodeKey(ring.Owner, k.KeyId.Span)))
            .Where(p => p.Published?.IsValidAt(at) == true)
            .OrderByDescending(p => p.Published!.NotBefore)
            .Select(p => p.Key)
            .FirstOrDefault();

    private static void CheckReplacement(ExchangeAgreement document, SignedAgreement signed, AgreementInForce current, List<string> problems)
    {
        if (document.AgreementId != current.Document.AgreementId)
        {
            problems.Add($"The new version belongs to agreement '{document.AgreementId}', not '{current.Document.AgreementId}'.");
        }

        if (document.Version != current.Version + 1)
        {
            problems.Add($"Version {current.Version} can only be replaced by version {current.Version + 1}, not {document.Version}.");
        }

        if (!document.SupersedesDigest.Span.SequenceEqual(current.Digest.Span))
        {
            problems.Add($"The new version does not name the digest of version {current.Version} as the one it supersedes.");
        }

        if (signed.Agreement.Span.SequenceEqual(current.Signed.Agreement.Span))
        {
            problems.Add("The new version is the same document as the one in force.");
        }
    }
}

/// <summary>What <see cref="AgreementInForce.Inspect"/> found.</summary>
/// <param name="Digest">SHA-256 of the agreement bytes, whether or not the agreement is in force: what signers compare.</param>
public sealed record AgreementReport(
    AgreementInForce? Agreement,
    ExchangeAgreement? Document,
    byte[] Digest,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> SignedBy,
    IReadOnlyList<string> MissingSignatures)
{
    public bool InForce => Agreement is not null;

    public AgreementInForce RequireInForce()
    {
        if (Agreement is not null)
        {
            return Agreement;
        }

        var problems = Problems.ToList();
        if (MissingSignatures.Count > 0)
        {
            problems.Add($"The agreement is not in force: it still needs the signature of {string.Join(" and ", MissingSignatures.Select(m => $"'{m}'"))}.");
        }

        throw new AgreementException(problems);
    }
}
