using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Liaison.Gateway.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// The per-client rate limit policy (<see cref="RateLimitOptions"/>): a token bucket per
/// caller, no queue. A caller is the subject id its client certificate names, so that the
/// officers of one border post behind one address do not share a bucket, and one caller
/// cannot get more by calling from several addresses; a connection without a certificate
/// (the development switch) or with one that names no caller is limited by its remote address. A refused call gets a gRPC status, not an HTTP 429: a
/// trailers-only response carrying what <see cref="ErrorMapper"/> makes of a
/// <see cref="RateLimitedException"/>, RESOURCE_EXHAUSTED with ErrorInfo RATE_LIMITED and a RetryInfo.
/// </summary>
internal sealed class ClientRateLimiting(IOptions<RateLimitOptions> limits, ILogger<ClientRateLimiting> logger) : IConfigureOptions<RateLimiterOptions>
{
    public const string Policy = "per-client";

    public void Configure(RateLimiterOptions options)
    {
        var limit = limits.Value;
        options.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(ClientOf(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        options.OnRejected = (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
            var error = ErrorMapper.Map(new RateLimitedException(retryAfter), out _);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                GrpcLog.Refused(logger, context.HttpContext.Request.Path.Value ?? "", error.StatusCode, error.Status.Detail);
            }

            WriteTrailersOnly(context.HttpContext.Response, error);
            return ValueTask.CompletedTask;
        };
    }

    // Taken from the TLS connection, which the caller cannot choose; a header such as x-liaison-client could be
    // forged. The certificate was validated against the client CA in the handshake; the authorization
    // middleware, after this, refuses one that is revoked, expired or names no caller.
    private static string ClientOf(HttpContext http) =>
        http.Connection.ClientCertificate is { } certificate && Security.ClientCertificates.CallerOf(certificate) is { } caller
            ? "subject:" + caller.SubjectId
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static void WriteTrailersOnly(HttpResponse response, RpcException error)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }
    }
}
