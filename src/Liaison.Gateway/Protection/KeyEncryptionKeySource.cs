using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Protection;

/// <summary>
/// The gateway's KEKs, from <see cref="ProtectionOptions"/>, followed while it runs: a
/// configuration change (a new current KEK, an old one moved to or removed from the
/// previous ones) is picked up without a restart, and <see cref="Refresh"/> re-reads the
/// files, so that a KEK file replaced in place counts too. A change that does not load
/// (a file missing, say) is logged and the ring in use kept: a running gateway never loses
/// its keys to a typo. Thread-safe.
/// </summary>
public sealed class KeyEncryptionKeySource : IKeyEncryptionKeys, IDisposable
{
    private readonly IOptionsMonitor<ProtectionOptions> options;
    private readonly Func<string, string?> environment;
    private readonly ILogger<KeyEncryptionKeySource> logger;
    private readonly IDisposable? subscription;
    private readonly Lock gate = new();
    private KeyEncryptionKeyRing ring;

    /// <exception cref="DataProtectionException">The configured KEKs cannot be read.</exception>
    public KeyEncryptionKeySource(IOptionsMonitor<ProtectionOptions> options, ILogger<KeyEncryptionKeySource> logger)
        : this(options, Environment.GetEnvironmentVariable, logger)
    {
    }

    /// <exception cref="DataProtectionException">The configured KEKs cannot be read.</exception>
    public KeyEncryptionKeySource(IOptionsMonitor<ProtectionOptions> options, Func<string, string?> environment, ILogger<KeyEncryptionKeySource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.environment = environment;
        this.logger = logger;
        ring = ProtectionOptionsValidator.Load(options.CurrentValue, environment);
        subscription = options.OnChange(_ => Refresh());
    }

    public KeyEncryptionKeyRing Ring => Volatile.Read(ref ring);

    /// <summary>Reads the KEKs again; keeps the ring in use when they do not load.</summary>
    /// <returns>True when the ring changed.</returns>
    public bool Refresh()
    {
        lock (gate)
        {
            KeyEncryptionKeyRing loaded;
            try
            {
                loaded = ProtectionOptionsValidator.Load(options.CurrentValue, environment);
            }
            catch (Exception ex) when (ex is DataProtectionException or OptionsValidationException or IOException or UnauthorizedAccessException)
            {
                ProtectionLog.KeyEncryptionKeysNotReloaded(logger, ex is DataProtectionException ? ex.Message : ex.GetType().Name);
                return false;
            }

            var old = ring;
            if (loaded.Ids.SequenceEqual(old.Ids))
            {
                return false;
            }

            Volatile.Write(ref ring, loaded);
            var previous = string.Join(", ", loaded.Previous.Select(k => k.Id));
            ProtectionLog.KeyEncryptionKeysChanged(logger, loaded.Current.Id, previous);
            return true;
        }
    }

    public void Dispose() => subscription?.Dispose();
}
