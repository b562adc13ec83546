using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Security.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Security;

/// <summary>
/// The client CA(s) callers' certificates must chain to and, when configured, the CA's revocation
/// list, each re-read whenever its file changes (checked on each request or authentication: a stat,
/// no parse) so that revoking a certificate, or adding or retiring a CA, takes effect without a
/// restart. A changed file that does not load is logged and the one in force kept. Loaded at
/// start-up: a missing or unreadable CA or list stops the gateway. Thread-safe.
/// </summary>
public sealed class ClientTrust(IOptions<GatewayOptions> options, TimeProvider time, ILogger<ClientTrust> logger, GatewayNodeMaterial? material = null)
{
    private readonly Lock gate = new();
    private X509Certificate2Collection? authorities;
    private Stamp authoritiesStamp;
    private (Stamp Ca, Stamp Crl)? refusedAttempt;
    private Snapshot? revocations;

    /// <summary>The trusted client CAs; empty when none is configured (then no caller can authenticate).</summary>
    public X509Certificate2Collection Authorities
    {
        get
        {
            Load();
            return authorities!;
        }
    }

    /// <summary>Reads the CA and the revocation list once; later calls do nothing.</summary>
    /// <exception cref="GatewayStartupException">A configured file is missing or is not what it should be.</exception>
    public void Load()
    {
        lock (gate)
        {
            if (authorities is not null)
            {
                return;
            }

            var tls = options.Value.Tls;
            var loaded = new X509Certificate2Collection();
            if (material?.ClientAuthority is { } given)
            {
                loaded.Add(X509CertificateLoader.LoadCertificate(given.RawData));
            }
            else if (!string.IsNullOrWhiteSpace(tls.ClientCaFile))
            {
                authoritiesStamp = Stamp.Of(tls.ClientCaFile);
                loaded.AddRange(ReadAuthorities(tls.ClientCaFile));
            }

            if (!string.IsNullOrWhiteSpace(tls.ClientCrlFile))
            {
                revocations = ReadRevocations(tls.ClientCrlFile, loaded)
                    ?? throw new GatewayStartupException($"The client revocation list '{tls.ClientCrlFile}' does not exist.");
                WarnIfStale(tls.ClientCrlFile, revocations.List);
            }

            authorities = loaded;
            if (loaded.Count == 0)
            {
                SecurityLog.NoClientAuthority(logger);
            }
        }
    }

    /// <summary>
    /// Takes the client CA file again if it changed since it was read (a CA added beside the old one
    /// for a rotation, or the old one retired). The revocation list is then read again too, since it
    /// is checked against the CAs.
    /// </summary>
    /// <returns>True when the CAs in force changed: whatever was built from <see cref="Authorities"/> must be built again.</returns>
    public bool RefreshAuthorities()
    {
        Load();
        var path = options.Value.Tls.ClientCaFile;
        if (material?.ClientAuthority is not null || string.IsNullOrWhiteSpace(path) || Stamp.Of(path) == authoritiesStamp)
        {
            return false;
        }

        var crl = options.Value.Tls.ClientCrlFile;
        lock (gate)
        {
            // Tried again only once either file changes: a CA file refused because the revocation
            // list is still the retired CA's is taken as soon as the new CA's list is in place.
            var attempt = (Ca: Stamp.Of(path), Crl: string.IsNullOrWhiteSpace(crl) ? default : Stamp.Of(crl));
            if (attempt.Ca == authoritiesStamp || attempt == refusedAttempt)
            {
                return false;
            }

            try
            {
                var loaded = ReadAuthorities(path);
                var list = string.IsNullOrWhiteSpace(crl) ? null : ReadRevocations(crl, loaded)
                    ?? throw new GatewayStartupException($"The client revocation list '{crl}' does not exist.");
                (authorities, authoritiesStamp, refusedAttempt) = (loaded, attempt.Ca, null);
                revocations = list ?? revocations;
                SecurityLog.ClientAuthoritiesLoaded(logger, path, loaded.Count);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GatewayStartupException)
            {
                // Keep the CAs in force: a half-written file must neither lock every caller out nor let anyone in.
                refusedAttempt = attempt;
                SecurityLog.ClientAuthoritiesRefused(logger, path, ex.Message);
                return false;
            }
        }
    }

    /// <summary>Whether the revocation list in force revokes <paramref name="certificate"/> (false without a list).</summary>
    public bool IsRevoked(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Load();
        var path = options.Value.Tls.ClientCrlFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var current = revocations!;
        var stamp = Stamp.Of(path);
        if (stamp != current.Stamp)
        {
            current = Reload(path, stamp);
        }

        return current.List.Revokes(certificate);
    }

    private Snapshot Reload(string path, Stamp stamp)
    {
        lock (gate)
        {
            if (revocations!.Stamp == stamp)
            {
                return revocations;
            }

            try
            {
                revocations = ReadRevocations(path, authorities!) ?? throw new FileNotFoundException("The revocation list is gone.", path);
                SecurityLog.RevocationListLoaded(logger, path, revocations.List.Count, revocations.List.ThisUpdate);
                WarnIfStale(path, revocations.List);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GatewayStartupException)
            {
                // Keep the list in force: a half-written or missing file must not undo revocations.
                // The stamp moves on so that the failure is logged once per change, not per call.
                SecurityLog.RevocationListRefused(logger, path, ex.Message);
                revocations = revocations with { Stamp = stamp };
            }

            return revocations;
        }
    }

    // A stale list still revokes what it lists; it may miss newer revocations, which the operator must fix.
    private void WarnIfStale(string path, ClientRevocationList list)
    {
        if (list.NextUpdate is { } next && next < time.GetUtcNow())
        {
            SecurityLog.RevocationListStale(logger, path, next);
        }
    }

    private static X509Certificate2Collection ReadAuthorities(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new GatewayStartupException($"The client CA file '{path}' does not exist.", ex);
        }
        catch (CryptographicException ex)
        {
            throw new GatewayStartupException($"The client CA file '{path}' does not hold PEM certificates.", ex);
        }

        return collection.Count > 0 ? collection : throw new GatewayStartupException($"The client CA file '{path}' holds no certificate.");
    }

    private static Snapshot? ReadRevocations(string path, X509Certificate2Collection authorities)
    {
        var stamp = Stamp.Of(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return new Snapshot(ClientRevocationList.Read(bytes, authorities), stamp);
        }
        catch (CryptographicException ex)
        {
            throw new GatewayStartupException($"The client revocation list '{path}' cannot be used: {ex.Message}", ex);
        }
    }

    private sealed record Snapshot(ClientRevocationList List, Stamp Stamp);

    private readonly record struct Stamp(DateTime WrittenAt, long Length)
    {
        public static Stamp Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new Stamp(file.LastWriteTimeUtc, file.Length) : default;
        }
    }
}
