using Liaison.Gateway.Witnessing;
using Liaison.Gateway.Witnessing.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>Cross-witnessing of the audit logs: the witness state, the cosignatures, the alerts and the cursor over the inbox.</summary>
public sealed partial class GatewayStore
{
    /// <summary>How many pending witnessing messages one call lists at most.</summary>
    private const int MaxWitnessingPage = 1000;

    public Task<AuditCheckpoint?> GetLatestAuditCheckpointAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(s => WitnessingTables.LatestCheckpointAsync(s, cancellationToken), cancellationToken);

    public Task<bool> HasAuditEntriesBesidesWitnessingAsync(long afterSeq, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        return ReadAsync(s => WitnessingTables.HasEntriesBesidesWitnessingAsync(s, afterSeq, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<WitnessingMessage>> ListPendingWitnessingAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxWitnessingPage);
        return ReadAsync<IReadOnlyList<WitnessingMessage>>(
            async s => await WitnessingTables.ListInboundAsync(s, await WitnessingTables.CursorAsync(s, cancellationToken), max, cancellationToken),
            cancellationToken);
    }

    public Task<WitnessedCheckpoint?> GetWitnessedCheckpointAsync(string origin, long? treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        return ReadAsync(s => WitnessingTables.WitnessedAsync(s, origin, treeSize, cancellationToken), cancellationToken);
    }

    public Task RecordWitnessingAsync(WitnessingStep record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(record.Arrival, 1);
        return writer.WriteAsync(
            async c =>
            {
                await WitnessingTables.ApplyAsync(c, record, CancellationToken.None);
                return true;
            },
            cancellationToken);
    }

    public Task<long> GetCosignedSizeAsync(string witness, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(witness);
        return ReadAsync(s => WitnessingTables.CosignedSizeAsync(s, witness, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<StoredCosignature>> ListCosignaturesAsync(long fromSize, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<StoredCosignature>>(async s => await WitnessingTables.CosignaturesAsync(s, fromSize, max, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<WitnessAlert>> ListWitnessAlertsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<WitnessAlert>>(async s => await WitnessingTables.AlertsAsync(s, cancellationToken), cancellationToken);
}
