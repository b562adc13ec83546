using Liaison.Agreement.V1;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Agreements;

/// <summary>The parsed keys of one party.</summary>
internal sealed record PartyKeys(Party Party, IReadOnlyList<AgreementKey> AuthorityKeys, IReadOnlyList<AgreementKey> NodeKeys);

/// <summary>
/// Checks the structure of an agreement and parses its keys. Every problem is
/// collected as one sentence, so an operator sees them all at once.
/// </summary>
internal static class AgreementValidator
{
    public const ulong MaxMessageBytesCeiling = 1UL << 30;

    public const ulong MaxAttachmentBytesCeiling = 1UL << 34;

    public static Dictionary<string, PartyKeys> Validate(ExchangeAgreement document, List<string> problems)
    {
        if (!Identifiers.IsNodeId(document.AgreementId))
        {
            problems.Add("The agreement id must be lower-case letters, digits and '-'.");
        }

        if (document.Version < 1)
        {
            problems.Add("The agreement version must be 1 or more.");
        }
        else if (document.Version == 1 != document.SupersedesDigest.IsEmpty || (!document.SupersedesDigest.IsEmpty && document.SupersedesDigest.Length != Digests.Length))
        {
            problems.Add("Version 1 supersedes nothing; every later version must name the 32-byte digest of the version it replaces.");
        }

        if (ProtoTime.TryToDateTimeOffset(document.EffectiveFrom) is null)
        {
            problems.Add("The agreement needs an effective_from time.");
        }

        if (document.MaxMessageBytes is 0 or > MaxMessageBytesCeiling)
        {
            problems.Add($"max_message_bytes must be between 1 and {MaxMessageBytesCeiling}.");
        }

        if (document.Retention is null || document.Retention.ToTimeSpan() <= TimeSpan.Zero)
        {
            problems.Add("The agreement needs a positive retention period.");
        }

        if (document.MaxEnvelopeLifetime is null || document.MaxEnvelopeLifetime.ToTimeSpan() <= TimeSpan.Zero)
        {
            problems.Add("The agreement needs a positive max_envelope_lifetime.");
        }

        if (document.SessionPolicy is null || document.SessionPolicy.MaxMessages == 0
            || document.SessionPolicy.MaxAge is null || document.SessionPolicy.MaxAge.ToTimeSpan() <= TimeSpan.Zero)
        {
            problems.Add("The session policy needs a positive max_messages and max_age.");
        }

        var parties = ValidateParties(document, problems);
        ValidateLinks(document, parties, problems);
        return parties;
    }

    private static Dictionary<string, PartyKeys> ValidateParties(ExchangeAgreement document, List<string> problems)
    {
        var parties = new Dictionary<string, PartyKeys>(StringComparer.Ordinal);
        if (document.Parties.Count < 2)
        {
            problems.Add("An agreement needs at least two parties.");
        }

        foreach (var party in document.Parties)
        {
            if (!Identifiers.IsNodeId(party.NodeId))
            {
                problems.Add($"Party node id '{party.NodeId}' must be lower-case letters, digits and '-'.");
                continue;
            }

            if (parties.ContainsKey(party.NodeId))
            {
                problems.Add($"Party '{party.NodeId}' appears twice.");
                continue;
            }

            if (party.Name is null || string.IsNullOrWhiteSpace(party.Name.Vi) || string.IsNullOrWhiteSpace(party.Name.Zh) || string.IsNullOrWhiteSpace(party.Name.En))
            {
                problems.Add($"Party '{party.NodeId}' needs its name in Vietnamese, Chinese and English.");
            }

            if (party.Country.Length != 2 || !party.Country.All(char.IsAsciiLetterUpper))
            {
                problems.Add($"Party '{party.NodeId}' needs an ISO 3166-1 alpha-2 country code such as VN or CN.");
            }

            var authority = ParseKeys(party.NodeId, party.AuthorityKeys, problems);
            if (authority.Count == 0 || authority.Any(k => k.Algorithm is not (KeyAlgorithm.Ed25519 or KeyAlgorithm.Sm2Sign)))
            {
                problems.Add($"Party '{party.NodeId}' needs at least one authority key, each Ed25519 or SM2.");
            }

            parties[party.NodeId] = new PartyKeys(party, authority, ParseKeys(party.NodeId, party.NodeKeys, problems));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in parties.Values.SelectMany(p => p.AuthorityKeys.Concat(p.NodeKeys)))
        {
            if (!ids.Add(KeyIds.ToHex(key.Material.KeyId.Span)))
            {
                problems.Add($"Key {KeyIds.ToHex(key.Material.KeyId.Span)} is listed more than once.");
            }
        }

        return parties;
    }

    private static List<AgreementKey> ParseKeys(string node, IEnumerable<PublicKey> keys, List<string> problems) =>
        keys.Select(k => AgreementKey.TryCreate(node, k, problems)).OfType<AgreementKey>().ToList();

    private static void ValidateLinks(ExchangeAgreement document, Dictionary<string, PartyKeys> parties, List<string> problems)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var link in document.Links)
        {
            var name = $"The link {link.SenderNode} -> {link.RecipientNode}";
            if (!parties.TryGetValue(link.SenderNode, out var sender) || !parties.TryGetValue(link.RecipientNode, out var recipient) || sender == recipient)
            {
                problems.Add($"{name} must join two different parties of the agreement.");
                continue;
            }

            if (!seen.Add((link.SenderNode, link.RecipientNode)))
            {
                problems.Add($"{name} is listed twice.");
            }

            var suite = CipherSuites.Find(link.Suite);
            if (suite is null)
            {
                problems.Add($"{name} needs a suite.");
                continue;
            }

            if (link.MessageTypes.Count == 0 || link.MessageTypes.Any(t => !Identifiers.IsMessageType(t)))
            {
                problems.Add($"{name} must allow at least one message type, each a lower-case dotted name.");
            }

            if (link.MaxAttachmentBytes > MaxAttachmentBytesCeiling)
            {
                problems.Add($"{name} allows attachments of at most {MaxAttachmentBytesCeiling} bytes (0 means the default of {AgreementDraft.DefaultMaxAttachmentBytes}).");
            }

            // Receipts travel back on the same link's suite, so the recipient signs too.
            RequireKey(problems, name, sender, suite.SigningAlgorithm);
            RequireKey(problems, name, recipient, suite.SigningAlgorithm);
            RequireKey(problems, name, recipient, suite.EncryptionAlgorithm);
            if (link.RequirePostQuantumSignature)
            {
                RequireKey(problems, name, sender, KeyAlgorithm.MlDsa65);
                RequireKey(problems, name, recipient, KeyAlgorithm.MlDsa65);
            }
        }
    }

    private static void RequireKey(List<string> problems, string link, PartyKeys party, KeyAlgorithm algorithm)
    {
        if (!party.NodeKeys.Any(k => k.Algorithm == algorithm && !k.Revoked))
        {
            problems.Add($"{link} needs an unrevoked {KeyIds.AlgorithmName(algorithm)} node key for '{party.Party.NodeId}'.");
        }
    }
}
