namespace Liaison.Gateway.Security;

/// <summary>What a <see cref="CaseAccessEntry"/> opens. Stored by name: never rename one.</summary>
public enum CaseAccessKind
{
    /// <summary>A supervisor lets an officer (or partner system), or a whole unit, read a case of another unit.</summary>
    Grant = 1,

    /// <summary>A supervisor or administrator opens a case's personal data to auditors, for a reason, until an expiry.</summary>
    AuditOpening,
}
