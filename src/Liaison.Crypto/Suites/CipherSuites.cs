using Liaison.Crypto.V1;

namespace Liaison.Crypto.Suites;

/// <summary>Looks up the implementation of a suite.</summary>
internal static class CipherSuites
{
    public static CipherSuite? Find(Suite suite) => suite switch
    {
        Suite.InternationalV1 => InternationalSuite.Instance,
        Suite.GmV1 => GmSuite.Instance,
        _ => null,
    };

    public static CipherSuite Get(Suite suite) =>
        Find(suite) ?? throw new ArgumentOutOfRangeException(nameof(suite), suite, "Not a suite of this format.");
}
