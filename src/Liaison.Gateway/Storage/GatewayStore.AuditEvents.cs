using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>Audit events that are not a message's own, and the auditors' search of the log.</summary>
public sealed partial class GatewayStore
{
    public Task<long> RecordAuditEventAsync(AuditEventRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        record.Validate();
        return writer.WriteAsync(c => c.Audit.AppendAsync(record, CancellationToken.None), cancellationToken);
    }

    public Task<AuditPage> ListAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, AuditQuery.MaxPageSize);
        // The same opaque token shape as the inbox's: "after this seq" (newest first: "before").
        var after = PageToken.Decode(query.PageToken);
        return ReadAsync(
            async s =>
            {
                // One row more than asked says whether another page follows.
                var rows = await AuditTable.SearchAsync(s, query, after, query.PageSize + 1, cancellationToken);
                var page = rows.Take(query.PageSize).Select(r => r.ToEntry()).ToList();
                var next = rows.Count > query.PageSize ? PageToken.Encode(page[^1].Seq) : "";
                return new AuditPage(page, next);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<AuditCheckpoint>> ListAuditCheckpointsNewestFirstAsync(long belowSize, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return ReadAsync<IReadOnlyList<AuditCheckpoint>>(
            async s => (await AuditCheckpointQueries.ReadNewestFirstAsync(s, belowSize, max, cancellationToken)).ConvertAll(r => r.ToCheckpoint()),
            cancellationToken);
    }
}
