namespace Liaison.Gateway.Hosting;

/// <summary>
/// Per-client rate limit of the gateway's gRPC API: a token bucket per client that refills
/// <see cref="PermitsPerSecond"/> calls a second and holds at most <see cref="Burst"/>.
/// A client is the connection's remote address (the client certificate's subject once
/// mutual TLS comes), never a header the caller chooses. Health checks are not limited.
/// Mutable, as the options pattern needs; <see cref="RateLimitOptionsValidator"/> checks it at start-up.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Gateway:RateLimit";

    /// <summary>Calls a client may make per second, sustained. Default 100.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Calls a client may make at once after a quiet spell. Default 200.</summary>
    public int Burst { get; set; } = 200;
}
