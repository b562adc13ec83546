using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Agreement.V1;
using Liaison.Crypto.Internal;
using Liaison.Crypto.V1;

namespace Liaison.Crypto.Agreements;

/// <summary>One party as it enters a draft: who it is and the public keys it published.</summary>
public sealed record PartyDraft(string NodeId, LocalizedName Name, string Country, PublicKeyBundle AuthorityKeys, PublicKeyBundle NodeKeys);

/// <summary>
/// Builds a first draft of an agreement with sensible defaults, for the parties to
/// review and edit before signing. The defaults are documented on each constant.
/// </summary>
public static class AgreementDraft
{
    /// <summary>16 MiB: a verification request with a few photographs.</summary>
    public const ulong DefaultMaxMessageBytes = 16UL * 1024 * 1024;

    /// <summary>
    /// 64 MiB: the largest attachment on a link whose max_attachment_bytes is 0 (unset),
    /// room for a few high-resolution photographs or a scanned file.
    /// </summary>
    public const ulong DefaultMaxAttachmentBytes = 64UL * 1024 * 1024;

    /// <summary>Ten years, because victim records must stay usable for later proceedings.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(3653);

    /// <summary>Seven days, long enough for a border link outage.</summary>
    public static readonly TimeSpan DefaultMaxEnvelopeLifetime = TimeSpan.FromDays(7);

    /// <summary>A session carries at most 1000 envelopes or lasts at most one hour.</summary>
    public const ulong DefaultSessionMaxMessages = 1000;

    /// <summary>See <see cref="DefaultSessionMaxMessages"/>.</summary>
    public static readonly TimeSpan DefaultSessionMaxAge = TimeSpan.FromHours(1);

    /// <summary>The message types of the liaison workflows.</summary>
    public static readonly IReadOnlyList<string> DefaultMessageTypes =
    [
        "verification.request", "verification.answer",
        "criteria.proposal", "criteria.response",
        "handover.proposal", "handover.response", "handover.record",
        "hotline.alert", "hotline.acknowledgement",
        "audit.checkpoint", "audit.cosignature",
    ];

    /// <summary>
    /// The message types an attachment travels as (its chunks, then its manifest). Kept out of
    /// <see cref="DefaultMessageTypes"/> so that existing drafts and the test vectors keep their
    /// bytes; <see cref="AllowAttachments"/> adds them.
    /// </summary>
    public static readonly IReadOnlyList<string> AttachmentMessageTypes = ["attachment.chunk", "attachment.manifest"];

    /// <summary>A draft with a link in each direction between every pair of parties, all in one suite.</summary>
    public static ExchangeAgreement Create(string agreementId, DateTimeOffset effectiveFrom, IEnumerable<PartyDraft> parties, Suite suite, bool requirePostQuantumSignature)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var document = new ExchangeAgreement
        {
            AgreementId = agreementId,
            Version = 1,
            EffectiveFrom = ProtoTime.ToTimestamp(effectiveFrom),
            MaxMessageBytes = DefaultMaxMessageBytes,
            Retention = Duration.FromTimeSpan(DefaultRetention),
            SessionPolicy = new SessionPolicy { MaxMessages = DefaultSessionMaxMessages, MaxAge = Duration.FromTimeSpan(DefaultSessionMaxAge) },
            MaxEnvelopeLifetime = Duration.FromTimeSpan(DefaultMaxEnvelopeLifetime),
        };
        foreach (var party in parties)
        {
            var entry = new Party { NodeId = party.NodeId, Name = party.Name.Clone(), Country = party.Country };
            entry.AuthorityKeys.AddRange(party.AuthorityKeys.Keys.Select(k => k.Clone()));
            entry.NodeKeys.AddRange(party.NodeKeys.Keys.Select(k => k.Clone()));
            document.Parties.Add(entry);
        }

        foreach (var sender in document.Parties)
        {
            foreach (var recipient in document.Parties.Where(p => p != sender))
            {
                var link = new Link { SenderNode = sender.NodeId, RecipientNode = recipient.NodeId, Suite = suite, RequirePostQuantumSignature = requirePostQuantumSignature };
                link.MessageTypes.AddRange(DefaultMessageTypes);
                document.Links.Add(link);
            }
        }

        return document;
    }

    /// <summary>Lets every link of <paramref name="document"/> carry attachments, adding the types it does not list yet.</summary>
    public static ExchangeAgreement AllowAttachments(ExchangeAgreement document) => AllowMessageTypes(document, AttachmentMessageTypes);

    /// <summary>
    /// Lets every link of <paramref name="document"/> carry <paramref name="messageTypes"/> (the
    /// workflow steps, say: Liaison.Workflows.WorkflowEvents lists them), adding the ones it does not list yet.
    /// </summary>
    public static ExchangeAgreement AllowMessageTypes(ExchangeAgreement document, IEnumerable<string> messageTypes)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(messageTypes);
        var types = messageTypes.ToList();
        foreach (var link in document.Links)
        {
            link.MessageTypes.AddRange(types.Where(t => !link.MessageTypes.Contains(t)));
        }

        return document;
    }

    /// <summary>Freezes a draft into the exact bytes the parties will sign.</summary>
    public static SignedAgreement Freeze(ExchangeAgreement document) => new() { Agreement = document.ToByteString() };

    /// <summary>Starts the next version from the one in force: same content, version + 1, supersedes its digest.</summary>
    public static ExchangeAgreement NextVersion(AgreementInForce current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var next = current.Document.Clone();
        next.Version = current.Version + 1;
        next.SupersedesDigest = ByteString.CopyFrom(current.Digest.Span);
        return next;
    }
}
