namespace Liaison.Gateway.Storage;

/// <summary>
/// What an audit entry records. Stored by name and hashed by name, so these names
/// are part of the audit format: never rename one, only add.
/// </summary>
public enum AuditEventType
{
    /// <summary>An outbound request was accepted.</summary>
    Submitted,

    /// <summary>An outbound envelope was sealed and queued in the outbox.</summary>
    Sealed,

    /// <summary>The broker confirmed the publish of an envelope or a receipt.</summary>
    Published,

    /// <summary>A verified receipt for an outbound envelope was recorded.</summary>
    ReceiptReceived,

    /// <summary>An outbound envelope was accepted by its recipient.</summary>
    Delivered,

    /// <summary>An inbound envelope arrived.</summary>
    Received,

    /// <summary>An inbound envelope passed every check.</summary>
    Verified,

    /// <summary>An inbound envelope was stored.</summary>
    Stored,

    /// <summary>An envelope was refused, by this node or by its recipient; the reason code says why.</summary>
    Rejected,

    /// <summary>An envelope or receipt that was already recorded came again; nothing was stored twice.</summary>
    Duplicate,

    /// <summary>An outbound envelope expired without a receipt.</summary>
    Expired,

    /// <summary>A publish failed and was scheduled again; the reason code is the error code.</summary>
    RetryScheduled,

    /// <summary>A receipt that came back was refused (bad signature, unknown envelope...); the reason code says why. Nothing was recorded for the message.</summary>
    ReceiptRefused,

    /// <summary>After a restart, the node took back the outbox rows its previous run had leased but not confirmed.</summary>
    OutboxReleased,

    /// <summary>This node cosigned a checkpoint of the partner's audit log.</summary>
    CheckpointCosigned,

    /// <summary>This node did not cosign a checkpoint of the partner's audit log; the reason code says why.</summary>
    CheckpointNotCosigned,

    /// <summary>A checkpoint of the partner's log is inconsistent with one seen before (a fork or a rewrite): an alert was raised, with both checkpoints as evidence.</summary>
    WitnessAlertRaised,

    /// <summary>The partner stored its cosignature of this node's checkpoint.</summary>
    CosignatureStored,

    /// <summary>A cosignature from the partner was refused; the reason code says why.</summary>
    CosignatureRefused,

    /// <summary>The partner alerted that this node's log is inconsistent with a checkpoint it saw before.</summary>
    WitnessAlertReceived,

    /// <summary>A person read the content of a message or a case: the actor says who, the envelope id or the subject (a keyed hash) what.</summary>
    Read,

    /// <summary>A caller was refused access to a message or a case; the reason code says why.</summary>
    AccessDenied,

    /// <summary>Something left the gateway as a document: a handover record, a report or an audit bundle.</summary>
    Exported,

    /// <summary>The gateway started.</summary>
    NodeStarted,

    /// <summary>The gateway loaded one of its own keys at start-up; the detail names its algorithm and key id (public).</summary>
    KeyLoaded,

    /// <summary>The gateway loaded the agreement in force at start-up; the detail names its id, version and digest.</summary>
    AgreementLoaded,

    /// <summary>The agreement loaded at start-up is not the one of the previous start; the detail names both digests.</summary>
    AgreementChanged,

    /// <summary>An authenticated client made its first call on a connection.</summary>
    Login,

    /// <summary>A supervisor granted access to a case, or an administrator opened one for audit.</summary>
    AccessGranted,

    /// <summary>A grant of access to a case was revoked, or an audit opening closed.</summary>
    AccessRevoked,

    /// <summary>A case's retention ended and its data key was destroyed (crypto-erasure); the detail names the key id, a keyed hash of the case and the count of messages, never the case.</summary>
    CaseErased,

    /// <summary>Data keys were rewrapped to the current key-encryption key during a KEK rotation; the detail names KEK ids and counts, never key material.</summary>
    DataKeysRewrapped,

    /// <summary>Messages whose personal data was stored in clear (written before field-level encryption) were encrypted under their cases' data keys; the detail gives counts only.</summary>
    ClearMessagesEncrypted,
}
