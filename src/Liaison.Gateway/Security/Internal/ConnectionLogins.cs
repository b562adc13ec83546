using Liaison.Gateway.Auditing;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Gateway.Security.Internal;

/// <summary>
/// Audits a <c>Login</c> once per client connection: at the first call an authenticated caller
/// makes on it, before that call runs. With mutual TLS the certificate, and so the caller, is the
/// connection's, so one entry names who was connected from when; an entry per call would bury
/// the calls' own entries. The calls on the connection wait for the entry to commit (a login the
/// audit log cannot record is not served, like any audited act); one that failed is tried again
/// by the next call.
/// </summary>
internal static class ConnectionLogins
{
    private static readonly object Key = new();

    public static Task RecordOnceAsync(HttpContext http, Caller caller)
    {
        // Kestrel keeps items per connection, shared by an HTTP/2 connection's streams. A server
        // without them (an in-memory test host) has no connection to log in on.
        var items = http.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return Task.CompletedTask;
        }

        // Streams of one connection run concurrently: the first one starts the entry, the others await it.
        lock (items)
        {
            if (items.TryGetValue(Key, out var recorded) && recorded is Task { IsFaulted: false, IsCanceled: false } login)
            {
                return login;
            }

            // Not the first call's cancellation: the entry is every call's on the connection.
            var started = http.RequestServices.GetRequiredService<AuditTrail>().LoginAsync(caller, CancellationToken.None);
            items[Key] = started;
            return started;
        }
    }
}
