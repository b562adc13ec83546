namespace Liaison.Gateway.Protection;

/// <summary>
/// Field-level encryption at rest (see deploy/data-protection.md). There is no setting for
/// the key itself on purpose: configuration files are read by too many people, so the KEK
/// comes from a file (mode 0600) or an environment variable only. Mutable, as the options
/// pattern needs; <see cref="ProtectionOptionsValidator"/> checks it at start-up and on
/// every configuration reload.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Protection";

    /// <summary>The environment variable read for the current KEK when no file is given.</summary>
    public const string DefaultKeyEncryptionKeyVariable = "LIAISON_KEY_ENCRYPTION_KEY";

    /// <summary>The current KEK's file (mode 0600): it wraps every new data key, and the rewrap job moves every other one to it.</summary>
    public string KeyEncryptionKeyFile { get; set; } = "";

    /// <summary>The environment variable holding the current KEK (base64) when <see cref="KeyEncryptionKeyFile"/> is empty.</summary>
    public string KeyEncryptionKeyVariable { get; set; } = DefaultKeyEncryptionKeyVariable;

    /// <summary>Files of earlier KEKs, kept during a rotation until no data key is wrapped by them any more.</summary>
    public List<string> PreviousKeyEncryptionKeyFiles { get; set; } = [];

    /// <summary>How often the rewrap job and the retention sweeper run. Default 1 minute.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most data keys rewrapped, or erased, in one transaction. Default 500.</summary>
    public int MaintenanceBatchSize { get; set; } = 500;
}
