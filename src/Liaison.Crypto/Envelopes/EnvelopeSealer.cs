using Google.Protobuf;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Crypto.V1;
using Liaison.Envelope.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Envelopes;

/// <summary>
/// Seals payloads for the partners of one node under the agreement in force.
/// Thread-safe: sessions are shared across callers.
/// </summary>
public sealed class EnvelopeSealer
{
    private readonly AgreementInForce agreement;
    private readonly KeyRing keys;
    private readonly TimeProvider time;
    private readonly SecureRandom random;
    private readonly SenderSessions sessions;

    /// <param name="random">Defaults to a system-seeded generator. Tests pass a deterministic one to reproduce vectors.</param>
    public EnvelopeSealer(AgreementInForce agreement, KeyRing keys, TimeProvider time, SealerOptions? options = null, SecureRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        if (!agreement.IsParty(keys.Owner))
        {
            throw new ArgumentException($"'{keys.Owner}' is not a party to agreement version {agreement.Version}.", nameof(keys));
        }

        this.agreement = agreement;
        this.keys = keys;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.random = random ?? new SecureRandom();
        var policy = agreement.Document.SessionPolicy;
        sessions = new SenderSessions((options ?? new SealerOptions()).KeyExchange, policy.MaxMessages, policy.MaxAge.ToTimeSpan());
    }

    public string Node => keys.Owner;

    /// <exception cref="EnvelopeSealException">The agreement does not allow this message, or a needed key is missing.</exception>
    public SealResult Seal(SealRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = ProtoTime.TruncateToMilliseconds(time.GetUtcNow());
        if (now < agreement.EffectiveFrom)
        {
            throw new EnvelopeSealException($"Agreement version {agreement.Version} takes effect at {TimeText.Format(agreement.EffectiveFrom)}.");
        }

        var link = agreement.FindLink(Node, request.RecipientNode)
            ?? throw new EnvelopeSealException($"Agreement version {agreement.Version} has no link from '{Node}' to '{request.RecipientNode}'.");
        if (!link.MessageTypes.Contains(request.MessageType))
        {
            throw new EnvelopeSealException($"The link from '{Node}' to '{request.RecipientNode}' does not allow message type '{request.MessageType}'.");
        }

        if (!Identifiers.IsReference(request.CaseReference) || !Identifiers.IsReference(request.CorrelationId))
        {
            throw new EnvelopeSealException("Case references and correlation ids are up to 64 characters of A-Z, a-z, 0-9, '/', '.', '_' and '-'.");
        }

        if (request.Payload.Length > (long)agreement.Document.MaxMessageBytes)
        {
            throw new EnvelopeSealException($"The payload exceeds the agreement's limit of {agreement.Document.MaxMessageBytes} bytes.");
        }

        var lifetime = request.Lifetime ?? agreement.MaxEnvelopeLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > agreement.MaxEnvelopeLifetime)
        {
            throw new EnvelopeSealException($"An envelope's lifetime must be positive and at most {agreement.MaxEnvelopeLifetime}.");
        }

        var suite = CipherSuites.Get(link.Suite);
        var signingKey = OwnKey(suite.SigningAlgorithm, now);
        var coSigningKey = link.RequirePostQuantumSignature ? OwnKey(KeyAlgorithm.MlDsa65, now) : null;
        var recipientKey = agreement.CurrentNodeKey(request.RecipientNode, suite.EncryptionAlgorithm, now)
            ?? throw new EnvelopeSealException($"'{request.RecipientNode}' has no valid {KeyIds.AlgorithmName(suite.EncryptionAlgorithm)} key in agreement version {agreement.Version}.");

        var envelopeId = UuidV7.Create(now, random);
        var session = sessions.Next(KeyIds.ToHex(recipientKey.Material.KeyId.Span), suite, recipientKey.Material, now, random);
        var header = new EnvelopeHeader
        {
            FormatVersion = 1,
            EnvelopeId = ByteString.CopyFrom(envelopeId),
            MessageType = request.MessageType,
            SenderNode = Node,
            RecipientNode = request.RecipientNode,
            SenderKeyId = ByteString.CopyFrom(signingKey.KeyId.Span),
            RecipientKeyId = ByteString.CopyFrom(recipientKey.Material.KeyId.Span),
            Suite = suite.Id,
            CreatedAt = ProtoTime.ToTimestamp(now),
            ExpiresAt = ProtoTime.ToTimestamp(now + lifetime),
            CaseReference = request.CaseReference,
            CorrelationId = request.CorrelationId,
            Priority = request.Priority,
            Sequence = request.Sequence,
            KeyEstablishment = new KeyEstablishment
            {
                Encapsulation = UnsafeByteOperations.UnsafeWrap(session.Encapsulation),
                SessionStartedAt = ProtoTime.ToTimestamp(session.StartedAt),
                SessionMessageIndex = session.MessageIndex,
            },
        };
        header.SignatureAlgorithms.Add(suite.SigningAlgorithm);
        if (coSigningKey is not null)
        {
            header.SignatureAlgorithms.Add(KeyAlgorithm.MlDsa65);
        }

        // Serialised once: these exact bytes are the AAD and are signed.
        var headerBytes = header.ToByteArray();
        var ciphertext = suite.Encrypt(suite.DeriveContentKey(session.Secret, envelopeId), headerBytes, request.Payload.Span);
        var toBeSigned = ToBeSigned.Build(Labels.EnvelopeSignature, headerBytes, suite.Digest(ciphertext));

        var envelope = new SealedEnvelope
        {
            Header = UnsafeByteOperations.UnsafeWrap(headerBytes),
            Ciphertext = UnsafeByteOperations.UnsafeWrap(ciphertext),
        };
        envelope.Signatures.Add(SignatureOf(signingKey, suite.Sign(signingKey, Node, toBeSigned, random)));
        if (coSigningKey is not null)
        {
            envelope.Signatures.Add(SignatureOf(coSigningKey, PostQuantumCoSignature.Sign(coSigningKey, toBeSigned, random)));
        }

        return new SealResult(envelope.ToByteArray(), header);
    }

    private PrivateKeyMaterial OwnKey(KeyAlgorithm algorithm, DateTimeOffset now) =>
        agreement.NewestOwnKey(keys, algorithm, now)
        ?? throw new EnvelopeSealException($"This node holds no private {KeyIds.AlgorithmName(algorithm)} key that agreement version {agreement.Version} lists as valid now.");

    internal static Signature SignatureOf(PrivateKeyMaterial key, byte[] value) =>
        new() { Algorithm = key.Algorithm, KeyId = ByteString.CopyFrom(key.KeyId.Span), Value = UnsafeByteOperations.UnsafeWrap(value) };
}
