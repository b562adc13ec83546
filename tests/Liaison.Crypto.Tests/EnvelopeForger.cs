using Google.Protobuf;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Internal;
using Liaison.Crypto.Keys;
using Liaison.Crypto.Suites;
using Liaison.Envelope.V1;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Tests;

/// <summary>
/// Builds envelopes that a real (or compromised) sender could produce: it edits a
/// sealed envelope and signs it again with the sender's genuine key, so that a test
/// reaches exactly the opening check it is aimed at.
/// </summary>
internal static class EnvelopeForger
{
    public static byte[] Edit(byte[] sealedBytes, KeyRing signer, Action<EnvelopeHeader>? editHeader = null, Func<byte[], byte[]>? editCiphertext = null, bool resign = true, SecureRandom? random = null)
    {
        var envelope = SealedEnvelope.Parser.ParseFrom(sealedBytes);
        var header = EnvelopeHeader.Parser.ParseFrom(envelope.Header);
        editHeader?.Invoke(header);
        envelope.Header = header.ToByteString();
        if (editCiphertext is not null)
        {
            envelope.Ciphertext = ByteString.CopyFrom(editCiphertext(envelope.Ciphertext.ToByteArray()));
        }

        if (resign)
        {
            var suite = CipherSuites.Get(header.Suite);
            var tbs = ToBeSigned.Build(Labels.EnvelopeSignature, envelope.Header.Span, suite.Digest(envelope.Ciphertext.Span));
            var signatures = envelope.Signatures.Select(s =>
            {
                var key = signer.Find(s.KeyId.Span) ?? throw new InvalidOperationException("The signer does not hold the key.");
                var value = key.Algorithm == Liaison.Crypto.V1.KeyAlgorithm.MlDsa65
                    ? PostQuantumCoSignature.Sign(key, tbs, random ?? new SecureRandom())
                    : suite.Sign(key, header.SenderNode, tbs, random ?? new SecureRandom());
                return EnvelopeSealer.SignatureOf(key, value);
            }).ToList();
            envelope.Signatures.Clear();
            envelope.Signatures.AddRange(signatures);
        }

        return envelope.ToByteArray();
    }
}
