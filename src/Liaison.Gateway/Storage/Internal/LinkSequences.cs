namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// Per-link sequence counters (peer node → last number used). A number is taken
/// inside the submit's transaction, so a rolled-back submit gives it back and the
/// committed messages of a link carry 1, 2, 3, … without gaps.
/// </summary>
internal static class LinkSequences
{
    public static async Task<ulong> NextAsync(StoreSession session, string peerNode, CancellationToken cancellationToken)
    {
        var next = await session.ScalarAsync<long>(
            """
            INSERT INTO link_sequences (peer_node, last_sequence) VALUES (@peer_node, 1)
            ON CONFLICT (peer_node) DO UPDATE SET last_sequence = link_sequences.last_sequence + 1
            RETURNING last_sequence
            """,
            cancellationToken,
            ("peer_node", peerNode));
        return checked((ulong)next);
    }

    /// <summary>Every link's last sequence used.</summary>
    public static async Task<IReadOnlyDictionary<string, ulong>> LastAsync(StoreSession session, CancellationToken cancellationToken) =>
        (await session.QueryAsync("SELECT peer_node, last_sequence FROM link_sequences", r => (Peer: r.GetString(0), Last: checked((ulong)r.GetInt64(1))), cancellationToken))
            .ToDictionary(l => l.Peer, l => l.Last, StringComparer.Ordinal);
}
