using System.Text.RegularExpressions;
using Liaison.Crypto.Keys;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// The administration entries of a gateway's start: <see cref="AuditEventType.NodeStarted"/>,
/// one <see cref="AuditEventType.KeyLoaded"/> per key of the node (algorithm and public key id)
/// and for the audit pseudonym key (its public fingerprint), <see cref="AuditEventType.AgreementLoaded"/>
/// with the agreement's digest, and <see cref="AuditEventType.AgreementChanged"/> when that digest
/// is not the one the previous start loaded. Written after the store opens, before the gateway serves.
/// </summary>
public static partial class AuditStartup
{
    /// <returns>The seq of the last entry written.</returns>
    public static async Task<long> RecordAsync(IGatewayStore store, GatewayNode node, AuditPseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var agreement = node.Agreement;
        var digest = Convert.ToHexStringLower(agreement.Digest.Span);
        var previous = await store.ListAuditEntriesAsync(new AuditQuery(1) { EventTypes = [AuditEventType.AgreementLoaded], NewestFirst = true }, cancellationToken);
        var previousDigest = previous.Entries.Count == 1 && DigestPattern().Match(previous.Entries[0].Detail) is { Success: true } match ? match.Groups[1].Value : null;

        await RecordAsync(store, AuditEventType.NodeStarted, $"gateway {node.NodeId} started", cancellationToken);
        foreach (var key in node.Keys.Keys)
        {
            await RecordAsync(store, AuditEventType.KeyLoaded, $"{KeyIds.AlgorithmName(key.Algorithm)} key {KeyIds.ToHex(key.KeyId.Span)}", cancellationToken);
        }

        await RecordAsync(store, AuditEventType.KeyLoaded, $"audit pseudonym key {pseudonyms.KeyId}", cancellationToken);
        var last = await RecordAsync(store, AuditEventType.AgreementLoaded,
            $"agreement {agreement.Document.AgreementId} version {agreement.Version}, digest sha256:{digest}", cancellationToken);
        if (previousDigest is not null && previousDigest != digest)
        {
            last = await RecordAsync(store, AuditEventType.AgreementChanged,
                $"agreement digest sha256:{previousDigest} at the previous start, now sha256:{digest} (version {agreement.Version})", cancellationToken);
        }

        return last;
    }

    private static Task<long> RecordAsync(IGatewayStore store, AuditEventType type, string detail, CancellationToken cancellationToken) =>
        store.RecordAuditEventAsync(new AuditEventRecord(type, AuditActors.Node, detail), cancellationToken);

    [GeneratedRegex("digest sha256:([0-9a-f]{64})", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
