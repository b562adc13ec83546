using Liaison.Gateway.Protection;
using Liaison.Gateway.Protection.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>Crypto-erasure and KEK rotation of the field-level encryption (see <see cref="FieldProtection"/>).</summary>
public sealed partial class GatewayStore
{
    /// <summary>Whether personal columns are encrypted (the store was opened with a KEK).</summary>
    public bool IsProtected => protection.IsEnabled;

    public async Task<IReadOnlyList<ErasedCase>> EraseExpiredCasesAsync(TimeSpan retention, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var erased = await writer.WriteAsync(c => DataKeyMaintenance.EraseAsync(c, protection, retention, now, max, CancellationToken.None), cancellationToken);
        // After the commit: a key evicted before it could be cached again by a read of the last committed state.
        protection.Cache.Evict(erased.Select(e => e.DataKeyId));
        return erased;
    }

    public Task<RewrapReport> RewrapDataKeysAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return writer.WriteAsync(c => DataKeyMaintenance.RewrapAsync(c, protection, max, CancellationToken.None), cancellationToken);
    }

    public Task<ClearMessagesReport> EncryptClearMessagesAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return writer.WriteAsync(c => DataKeyMaintenance.EncryptClearAsync(c, protection, max, CancellationToken.None), cancellationToken);
    }
}
