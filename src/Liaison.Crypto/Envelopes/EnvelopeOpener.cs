using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Envelope.V1;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// Opens envelopes addressed to one node. The checks run in the order of the
/// spec: parse, recipient, sender key, link policy, time, signatures, decryption.
/// The first failing check decides the reason. Never throws on hostile input.
/// Thread-safe.
/// </summary>
public sealed class EnvelopeOpener
{
    private readonly AgreementInForce agreement;
    private readonly KeyRing? keys;
    private readonly TimeProvider time;
    private readonly OpenerOptions options;
    private readonly DecapsulationCache cache;

    /// <param name="keys">This node's keys; null only for <see cref="Verify"/>, which cannot decrypt.</param>
    public EnvelopeOpener(AgreementInForce agreement, KeyRing? keys, TimeProvider time, OpenerOptions? options = null)
    {
        this.agreement = agreement ?? throw new ArgumentNullException(nameof(agreement));
        this.keys = keys;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? new OpenerOptions();
        if (this.options.MaxClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The clock-skew tolerance cannot be negative.");
        }

        cache = new DecapsulationCache(this.options.SessionCacheSize);
    }

    /// <summary>Runs every check and decrypts.</summary>
    public EnvelopeOpenResult Open(ReadOnlySpan<byte> envelope)
    {
        if (keys is null)
        {
            throw new InvalidOperationException("This opener was built without keys; it can only verify.");
        }

        return Run(envelope, decrypt: true);
    }

    /// <summary>
    /// Runs checks 1 to 6 without decrypting. Without keys, the recipient check is
    /// skipped too: this is what <c>liaison envelope inspect</c> does for a third party.
    /// </summary>
    public EnvelopeOpenResult Verify(ReadOnlySpan<byte> envelope) => Run(envelope, decrypt: false);

    private EnvelopeOpenResult Run(ReadOnlySpan<byte> bytes, bool decrypt)
    {
        // 1. Parse.
        if (bytes.Length > (long)agreement.Document.MaxMessageBytes + 64 * 1024)
        {
            return EnvelopeOpenResult.Rejected(new(RejectionReason.TooLarge, $"The envelope is {bytes.Length} bytes; the agreement allows {agreement.Document.MaxMessageBytes} bytes of payload."), null);
        }

        var parsed = EnvelopeParser.Parse(bytes);
        if (parsed.Check.Failed)
        {
            return EnvelopeOpenResult.Rejected(parsed.Check, parsed.Header);
        }

        var (envelope, header, suite) = (parsed.Envelope!, parsed.Header!, parsed.Suite!);
        var created = ProtoTime.TryToDateTimeOffset(header.CreatedAt)!.Value;
        var expires = ProtoTime.TryToDateTimeOffset(header.ExpiresAt)!.Value;
        if (envelope.Ciphertext.Length - ContentKey.TagLength > (long)agreement.Document.MaxMessageBytes)
        {
            return Reject(new(RejectionReason.TooLarge, $"The payload exceeds the agreement's limit of {agreement.Document.MaxMessageBytes} bytes."));
        }

        // 2. Recipient.
        PrivateKeyMaterial? recipientKey = null;
        if (keys is not null)
        {
            if (header.RecipientNode != keys.Owner)
            {
                return Reject(new(RejectionReason.WrongRecipient, $"The envelope is addressed to '{header.RecipientNode}', not to this node '{keys.Owner}'."));
            }

            recipientKey = keys.Find(header.RecipientKeyId.Span);
            var published = agreement.FindNodeKey(keys.Owner, header.RecipientKeyId.Span);
            if (recipientKey is null || published is null || published.Revoked || recipientKey.Algorithm != suite.EncryptionAlgorithm)
            {
                return Reject(new(RejectionReason.UnknownRecipientKey, $"Key {KeyIds.ToHex(header.RecipientKeyId.Span)} is not a usable {suite.EncryptionAlgorithm} key of this node."));
            }
        }

        // 3. Sender key, valid at the envelope's creation and not revoked.
        var check = SignerChecks.CheckKey(agreement, header.SenderNode, header.SenderKeyId.Span, created, out var senderKey);
        if (check.Failed)
        {
            return Reject(check);
        }

        if (!envelope.Signatures[0].KeyId.Span.SequenceEqual(header.SenderKeyId.Span))
        {
            return Reject(new(RejectionReason.Malformed, "The signature's key id differs from the header's sender key id."));
        }

        // 4. The link's policy: no downgrade of suite or co-signature, allowed message types.
        var link = agreement.FindLink(header.SenderNode, header.RecipientNode);
        if (link is null)
        {
            return Reject(new(RejectionReason.LinkNotAllowed, $"Agreement version {agreement.Version} has no link from '{header.SenderNode}' to '{header.RecipientNode}'."));
        }

        if (link.Suite != header.Suite || senderKey!.Algorithm != suite.SigningAlgorithm)
        {
            return Reject(new(RejectionReason.SuiteNotAllowed, $"The link from '{header.SenderNode}' to '{header.RecipientNode}' requires {link.Suite}; the envelope uses {header.Suite} with a {senderKey!.Algorithm} key."));
        }

        check = SignerChecks.CheckCoSignatureKey(agreement, link, header.SenderNode, envelope.Signatures, created, out var coKey);
        if (check.Failed)
        {
            return Reject(check);
        }

        if (created < agreement.EffectiveFrom)
        {
            return Reject(new(RejectionReason.AgreementNotEffective, $"The envelope was created before agreement version {agreement.Version} took effect at {TimeText.Format(agreement.EffectiveFrom)}."));
        }

        if (!link.MessageTypes.Contains(header.MessageType))
        {
            return Reject(new(RejectionReason.MessageTypeNotAllowed, $"The link from '{header.SenderNode}' to '{header.RecipientNode}' does not allow message type '{header.MessageType}'."));
        }

        // 5. Time window.
        check = CheckTime(header, created, expires);
        if (check.Failed)
        {
            return Reject(check);
        }

        // 6. Signatures over header || digest(ciphertext).
        var toBeSigned = ToBeSigned.Build(Labels.EnvelopeSignature, envelope.Header.Span, suite.Digest(envelope.Ciphertext.Span));
        check = SignerChecks.VerifySignatures(suite, header.SenderNode, toBeSigned, envelope.Signatures, senderKey, coKey);
        if (check.Failed)
        {
            return Reject(check);
        }

        if (!decrypt || recipientKey is null)
        {
            return EnvelopeOpenResult.Accepted(header, null);
        }

        // 7. Decryption.
        var payload = Decrypt(suite, recipientKey, envelope, header);
        return payload is null
            ? Reject(new(RejectionReason.DecryptionFailed, "The envelope is signed but does not decrypt with this node's key."))
            : EnvelopeOpenResult.Accepted(header, payload);

        EnvelopeOpenResult Reject(RejectionCheck failure) => EnvelopeOpenResult.Rejected(failure, header);
    }

    private RejectionCheck CheckTime(EnvelopeHeader header, DateTimeOffset created, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        var skew = options.MaxClockSkew;
        if (now > expires + skew)
        {
            return new(RejectionReason.Expired, $"The envelope expired at {TimeText.Format(expires)}.");
        }

        if (created > now + skew)
        {
            return new(RejectionReason.FutureDated, $"The envelope claims to be created at {TimeText.Format(created)}, beyond the allowed clock skew of {skew}.");
        }

        if (expires - created > agreement.MaxEnvelopeLifetime)
        {
            return new(RejectionReason.LifetimeTooLong, $"The envelope's lifetime of {expires - created} exceeds the agreement's {agreement.MaxEnvelopeLifetime}.");
        }

        var session = header.KeyEstablishment;
        var started = ProtoTime.TryToDateTimeOffset(session.SessionStartedAt)!.Value;
        var policy = agreement.Document.SessionPolicy;
        if (started > created || created - started > policy.MaxAge.ToTimeSpan() || session.SessionMessageIndex >= policy.MaxMessages)
        {
            return new(RejectionReason.SessionExpired, $"The key-exchange session (started {TimeText.Format(started)}, message {session.SessionMessageIndex}) is beyond the agreement's session policy.");
        }

        return RejectionCheck.Ok;
    }

    private byte[]? Decrypt(CipherSuite suite, PrivateKeyMaterial recipientKey, SealedEnvelope envelope, EnvelopeHeader header)
    {
        var encapsulation = header.KeyEstablishment.Encapsulation.Span;
        var cacheKey = DecapsulationCache.KeyOf(recipientKey.KeyId.Span, encapsulation);
        var cached = cache.Find(cacheKey);
        var secret = cached ?? suite.Decapsulate(recipientKey, encapsulation.ToArray());
        if (secret is null)
        {
            return null;
        }

        var payload = suite.Decrypt(suite.DeriveContentKey(secret, header.EnvelopeId.Span), envelope.Header.Span, envelope.Ciphertext.Span);
        if (payload is not null && cached is null)
        {
            cache.Add(cacheKey, secret);
        }

        return payload;
    }
}
