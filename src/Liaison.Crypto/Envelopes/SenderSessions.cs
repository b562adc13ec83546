using Liaison.Crypto.Suites;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Envelopes;

/// <summary>One sender-side session: an encapsulation and its secret, reused for several envelopes.</summary>
internal sealed record SenderSession(byte[] Encapsulation, byte[] Secret, DateTimeOffset StartedAt, ulong MessageIndex);

/// <summary>
/// The sender's current session per recipient key. A session is replaced once it
/// has carried the agreement's maximum number of envelopes or reached its maximum age.
/// Thread-safe.
/// </summary>
internal sealed class SenderSessions(KeyExchangeMode mode, ulong maxMessages, TimeSpan maxAge)
{
    private readonly Dictionary<string, SenderSession> current = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Returns the session to use for the next envelope, with its message index.</summary>
    public SenderSession Next(string recipientKeyId, CipherSuite suite, Keys.PublicKeyMaterial recipientKey, DateTimeOffset now, SecureRandom random)
    {
        if (mode == KeyExchangeMode.PerMessage)
        {
            var fresh = suite.Encapsulate(recipientKey, random);
            return new SenderSession(fresh.Encapsulation, fresh.Secret, now, 0);
        }

        lock (gate)
        {
            if (current.TryGetValue(recipientKeyId, out var session)
                && session.MessageIndex + 1 < maxMessages
                && now - session.StartedAt < maxAge
                && now >= session.StartedAt)
            {
                session = session with { MessageIndex = session.MessageIndex + 1 };
            }
            else
            {
                var keys = suite.Encapsulate(recipientKey, random);
                session = new SenderSession(keys.Encapsulation, keys.Secret, now, 0);
            }

            current[recipientKeyId] = session;
            return session;
        }
    }
}
