using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Storage;

/// <summary>
/// The gateway's durable state: messages in both directions, the outbox, the
/// per-link sequence counters and the hash-linked audit trail.
/// <para>
/// Every write method returns only after its transaction has committed durably, and
/// every state change or refusal it makes is audited in that same transaction.
/// Writes from concurrent callers are group-committed: queued, then run by one
/// writer, many to a transaction. Cancellation is honoured while a write waits in
/// the queue; once its batch has started, the write commits or fails with the batch.
/// </para>
/// <para>Thread-safe: every member may be called concurrently. Reads do not wait for writes.</para>
/// </summary>
public interface IGatewayStore
{
    /// <summary>
    /// Accepts an outbound message in one transaction: idempotency on the request id,
    /// the link's next sequence number, <paramref name="seal"/> with it, the message in
    /// state <see cref="MessageState.Sealed"/>, its outbox row and the audit entries.
    /// </summary>
    /// <param name="seal">
    /// Seals the payload with the sequence number given (normally <see cref="EnvelopeSealer.Seal"/>).
    /// It is called ahead of the transaction, on another thread, with the number the link's
    /// next submit is expected to take, and again inside the transaction only if the submit took
    /// another number or the call ahead failed; a replay keeps its first envelope. So it must be
    /// thread-safe, quick and must not call the store, and only the committed result is ever
    /// published.
    /// </param>
    /// <exception cref="RequestIdConflictException">The request id was used before with another digest.</exception>
    /// <exception cref="EnvelopeSealException">From <paramref name="seal"/>: nothing was stored.</exception>
    Task<SubmitResult> SubmitAsync(OutboundSubmission submission, Func<ulong, SealResult> seal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> outbox rows that are due at <paramref name="now"/>,
    /// oldest first, and leases them: they are not due again until the store's claim
    /// lease has passed, so a dispatcher that crashes mid-publish only delays them.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(int max, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="ClaimDueOutboxAsync(int, DateTimeOffset, CancellationToken)"/>, but also stops
    /// before the row that would take the claimed bytes past <paramref name="maxBytes"/>: a batch
    /// holds at most that many bytes, or a single row when the oldest due row alone is larger.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(int max, long maxBytes, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms publishes in one transaction: removes the outbox rows and moves
    /// envelopes from <see cref="MessageState.Sealed"/> to <see cref="MessageState.Published"/>.
    /// Ids no longer in the outbox (already confirmed, receipted or expired) are skipped.
    /// </summary>
    /// <returns>How many outbox rows were confirmed.</returns>
    Task<int> MarkPublishedAsync(IReadOnlyCollection<long> outboxIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Makes a claimed outbox row due again at <paramref name="nextAttempt"/>, noting the error.</summary>
    /// <param name="errorCode">A short code such as "broker-unreachable": 1 to 64 of A-Z, a-z, 0-9, '/', '.', '_' and '-'. Never a message text.</param>
    /// <returns>False when the row is no longer in the outbox.</returns>
    Task<bool> ScheduleRetryAsync(long outboxId, DateTimeOffset nextAttempt, string errorCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a verified receipt for an outbound message: <see cref="MessageState.Delivered"/>
    /// when accepted, <see cref="MessageState.Rejected"/> with its reason otherwise. A
    /// second receipt for the same message changes nothing and is audited as a duplicate.
    /// </summary>
    /// <exception cref="MessageNotFoundException">No such message.</exception>
    /// <exception cref="IllegalStateTransitionException">The message is not one that awaits a receipt (an inbound one, say).</exception>
    Task<RecordResult> RecordReceiptAsync(Guid envelopeId, ReadOnlyMemory<byte> receiptBytes, ReceiptStatus status, RejectionReason reason, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an envelope that arrived: stored (or refused) with its receipt queued in
    /// the outbox. The inbox is idempotent by envelope id: an id already recorded stores
    /// nothing, is audited as a duplicate and returns the first record with its receipt,
    /// to send again. One exception: an envelope refused before may be followed by an
    /// authentic one with the same id, which is stored (see <see cref="MessageTransitions"/>).
    /// </summary>
    /// <param name="record">Its envelope and payload bytes are kept as they are, not copied: they must not change after the call.</param>
    /// <param name="receiptOutboxBytes">The signed receipt to send back, or null to send none.</param>
    /// <exception cref="IllegalStateTransitionException">The id is one of this node's outbound envelopes.</exception>
    Task<RecordResult> RecordInboundAsync(InboundRecord record, ReadOnlyMemory<byte>? receiptOutboxBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an envelope that arrived, as <see cref="RecordInboundAsync(InboundRecord, ReadOnlyMemory{byte}?, CancellationToken)"/>
    /// does, with a receipt that names the audit entry recording the envelope's storing (or refusal)
    /// and carries a checkpoint of the log covering it: once every write of the batch has run, the
    /// store signs one checkpoint for the batch, has <paramref name="receipt"/> sign each receipt,
    /// and keeps and queues them in the envelopes' transaction (deploy/audit-log.md, "Receipts").
    /// A duplicate queues its original receipt again, as there.
    /// </summary>
    /// <exception cref="IllegalStateTransitionException">The id is one of this node's outbound envelopes.</exception>
    Task<RecordResult> RecordInboundWithReceiptAsync(InboundRecord record, InboundReceiptSigning receipt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a verified receipt as <see cref="RecordReceiptAsync(Guid, ReadOnlyMemory{byte}, ReceiptStatus, RejectionReason, DateTimeOffset, CancellationToken)"/>
    /// does, and keeps the receiver's audit-log position it carries, whose checkpoint the caller verified.
    /// </summary>
    /// <exception cref="MessageNotFoundException">No such message.</exception>
    /// <exception cref="IllegalStateTransitionException">The message is not one that awaits a receipt.</exception>
    Task<RecordResult> RecordReceiptAsync(Guid envelopeId, ReadOnlyMemory<byte> receiptBytes, ReceiptStatus status, RejectionReason reason, ReceiptLogPosition receiverLog, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Where the message's receiver recorded it in its audit log, as its receipt says; null when no receipt with a position was kept.</summary>
    Task<ReceiptLogPosition?> GetReceiptLogPositionAsync(Guid envelopeId, CancellationToken cancellationToken = default);

    /// <summary>The distinct checkpoints of <paramref name="logNode"/>'s audit log at size <paramref name="treeSize"/> that kept receipts carried.</summary>
    Task<IReadOnlyList<string>> ListReceiptCheckpointNotesAsync(string logNode, long treeSize, CancellationToken cancellationToken = default);

    /// <summary>Audits the refusal of an envelope too broken to identify (no readable header): there is no message to store.</summary>
    Task RecordUnreadableRejectionAsync(RejectionReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Audits a receipt this node refused (it did not verify, or it names an envelope this node
    /// did not send). Nothing about the message changes: only a verified receipt may.
    /// </summary>
    /// <param name="envelopeId">The envelope the receipt claims to be about, when it could be read.</param>
    /// <param name="peerNode">The node that sent the envelope's receipt as far as this node knows it, or "".</param>
    Task RecordReceiptRefusalAsync(Guid? envelopeId, string peerNode, RejectionReason reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves outbound messages whose envelope expired before <paramref name="now"/> without a
    /// receipt to <see cref="MessageState.Expired"/> and drops their unpublished outbox rows.
    /// Callers pass the current time less a grace period for receipts still on their way.
    /// </summary>
    /// <returns>The envelope ids that expired.</returns>
    Task<IReadOnlyList<Guid>> ExpireAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<MessageRecord?> GetAsync(Guid envelopeId, CancellationToken cancellationToken = default);

    Task<MessageRecord?> GetByRequestIdAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A message without decrypting anything: the payload is left out and an encrypted (inbound)
    /// envelope is empty; an outbound envelope, stored clear, is there. For checks that need only
    /// the metadata and the bytes sent, such as verifying a receipt.
    /// </summary>
    Task<MessageRecord?> GetMetadataAsync(Guid envelopeId, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="GetMetadataAsync(Guid, CancellationToken)"/> for many messages in one read, such as the envelopes a frame
    /// of receipts is about; those not stored are absent from the result.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, MessageRecord>> GetMetadataAsync(IReadOnlyCollection<Guid> envelopeIds, CancellationToken cancellationToken = default);

    /// <summary>Inbound messages in arrival order, one page at a time (keyset pagination).</summary>
    /// <exception cref="InvalidPageTokenException">The token was not issued by this store.</exception>
    Task<InboxPage> ListInboxAsync(InboxQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages of one direction whose correlation id is <paramref name="correlationId"/>
    /// (and, when given, whose type is <paramref name="messageType"/>), metadata only, in the
    /// order of their per-link sequence numbers, then of arrival. At most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<MessageSummary>> ListByCorrelationAsync(MessageDirection direction, string correlationId, string? messageType, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Distinct non-empty correlation ids of messages in either direction that match
    /// <paramref name="query"/>, in the order their first message was recorded.
    /// </summary>
    Task<IReadOnlyList<string>> ListCorrelationIdsAsync(CorrelationQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The payload of one stored inbound message, read on its own (without the envelope), so
    /// that large correlated sets can be read one message at a time. Null when there is no such
    /// message or it holds no payload.
    /// </summary>
    Task<ReadOnlyMemory<byte>?> GetPayloadAsync(Guid envelopeId, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> audit entries from <paramref name="fromSeq"/> on, in order.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(long fromSeq, int max, CancellationToken cancellationToken = default);

    /// <summary>Recomputes every hash of the audit chain and reports the first entry that does not fit.</summary>
    Task<AuditChainReport> VerifyAuditChainAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The size and RFC 6962 root of the audit log's Merkle tree, as committed. Leaf i is
    /// SHA-256(0x00 ‖ canonical bytes of entry i + 1) (see deploy/audit-log.md).
    /// </summary>
    Task<AuditTreeHead> GetAuditTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The inclusion proof of entry <paramref name="seq"/> (leaf index seq - 1) in the tree of the first <paramref name="treeSize"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException">seq is not in 1..treeSize, or the log is shorter than treeSize.</exception>
    Task<InclusionProof> GetAuditInclusionProofAsync(long seq, long treeSize, CancellationToken cancellationToken = default);

    /// <summary>The proof that the tree of the first <paramref name="fromSize"/> entries is a prefix of the one of <paramref name="toSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fromSize is negative or above toSize, or the log is shorter than toSize.</exception>
    Task<ConsistencyProof> GetAuditConsistencyProofAsync(long fromSize, long toSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs a C2SP checkpoint of the audit log as committed so far and stores it, unless the
    /// log is empty or has not grown since the last checkpoint (then null). Goes through the
    /// writer, so the checkpoint covers exactly the entries committed before it.
    /// </summary>
    /// <param name="origin">The log's origin line, e.g. "liaison.example/vn-laocai/audit".</param>
    Task<AuditCheckpoint?> IssueAuditCheckpointAsync(string origin, INoteSigner signer, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> stored checkpoints of tree size <paramref name="fromSize"/> or more, smallest first.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ListAuditCheckpointsAsync(long fromSize, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the unit a case of this side belongs to (need-to-know, see deploy/access-control.md),
    /// unless it already belongs to one: the first unit to open a case keeps it.
    /// </summary>
    /// <returns>False when the case already had an owner, which is unchanged.</returns>
    Task<bool> RecordCaseOwnerAsync(Liaison.Gateway.Security.CaseOwner owner, CancellationToken cancellationToken = default);

    /// <summary>The stored owner of a case, or null (a partner's case, or one opened before owners were recorded).</summary>
    Task<Liaison.Gateway.Security.CaseOwner?> GetCaseOwnerAsync(Liaison.Gateway.Security.CaseKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores a grant or audit opening; its id is assigned here (the one passed is ignored).</summary>
    /// <exception cref="ArgumentException">An audit opening without an expiry or with a unit, or a grant naming both or neither of a subject and a unit.</exception>
    Task<Liaison.Gateway.Security.CaseAccessEntry> AddCaseAccessAsync(Liaison.Gateway.Security.CaseAccessEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Revokes a grant or closes an audit opening, unless it already is; returns it as it now stands, or null when there is no such entry.</summary>
    Task<Liaison.Gateway.Security.CaseAccessEntry?> RevokeCaseAccessAsync(long accessId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>One grant or audit opening, or null.</summary>
    Task<Liaison.Gateway.Security.CaseAccessEntry?> GetCaseAccessAsync(long accessId, CancellationToken cancellationToken = default);

    /// <summary>Every grant and audit opening of a case, revoked and expired ones too, oldest first.</summary>
    Task<IReadOnlyList<Liaison.Gateway.Security.CaseAccessEntry>> ListCaseAccessAsync(Liaison.Gateway.Security.CaseKey key, CancellationToken cancellationToken = default);

    // Cross-witnessing of the audit logs (deploy/audit-log.md, "Cross-witnessing").

    /// <summary>The largest stored checkpoint of this node's own log, or null before the first.</summary>
    Task<AuditCheckpoint?> GetLatestAuditCheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the audit log holds entries after <paramref name="afterSeq"/> other than the witnessing's own traffic (audit.* messages); an alert counts.</summary>
    Task<bool> HasAuditEntriesBesidesWitnessingAsync(long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> inbound audit.* messages not handled yet, in arrival order.</summary>
    Task<IReadOnlyList<Liaison.Gateway.Witnessing.WitnessingMessage>> ListPendingWitnessingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>The checkpoint of <paramref name="origin"/> this node cosigned at <paramref name="treeSize"/>, or its largest when null; null when none.</summary>
    Task<Liaison.Gateway.Witnessing.WitnessedCheckpoint?> GetWitnessedCheckpointAsync(string origin, long? treeSize, CancellationToken cancellationToken = default);

    /// <summary>Records the handling of one witnessing message in one transaction (state, audit entry, cursor).</summary>
    Task RecordWitnessingAsync(Liaison.Gateway.Witnessing.WitnessingStep record, CancellationToken cancellationToken = default);

    /// <summary>The largest tree size of this node's log that <paramref name="witness"/> cosigned, or 0.</summary>
    Task<long> GetCosignedSizeAsync(string witness, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> stored cosignatures from tree size <paramref name="fromSize"/> on, smallest first.</summary>
    Task<IReadOnlyList<Liaison.Gateway.Witnessing.StoredCosignature>> ListCosignaturesAsync(long fromSize, int max, CancellationToken cancellationToken = default);

    /// <summary>Every witness alert stored, raised by this node or received from its partner, oldest first.</summary>
    Task<IReadOnlyList<Liaison.Gateway.Witnessing.WitnessAlert>> ListWitnessAlertsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an audit entry for an event that is not a message's own (a read, a refusal of
    /// access, an export, a start-up...) in a transaction of its own, and returns only once it
    /// has committed durably.
    /// </summary>
    /// <returns>The entry's seq: its leaf index in the audit log is seq - 1.</returns>
    /// <exception cref="ArgumentException">The record breaks its syntax, or its type is a message event.</exception>
    Task<long> RecordAuditEventAsync(AuditEventRecord record, CancellationToken cancellationToken = default);

    /// <summary>Audit entries matching <paramref name="query"/>, one page at a time (keyset pagination on seq).</summary>
    /// <exception cref="InvalidPageTokenException">The token was not issued by this store.</exception>
    Task<AuditPage> ListAuditEntriesAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> stored checkpoints of tree size below <paramref name="belowSize"/>, largest first.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> ListAuditCheckpointsNewestFirstAsync(long belowSize, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-erasure: destroys the data keys of cases whose last activity is more than
    /// <paramref name="retention"/> before <paramref name="now"/> (at most <paramref name="max"/>
    /// of them, oldest first) and audits each one. Their messages stay, metadata readable, but
    /// their personal data can never be decrypted again: reading it throws
    /// <see cref="Protection.CaseErasedException"/>. See deploy/data-protection.md.
    /// </summary>
    Task<IReadOnlyList<Protection.ErasedCase>> EraseExpiredCasesAsync(TimeSpan retention, DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// KEK rotation: rewraps up to <paramref name="max"/> data keys wrapped by earlier KEKs to the
    /// current one, and reports how many each KEK still wraps; audited when it rewrapped any.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store was opened without a KEK.</exception>
    Task<Protection.RewrapReport> RewrapDataKeysAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Encrypts, in place, up to <paramref name="max"/> messages (oldest first) whose personal
    /// columns a store without field-level encryption wrote in clear, under their cases' data
    /// keys; reports how many are left. Audited, by counts, when it encrypted any.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store was opened without a KEK.</exception>
    Task<Protection.ClearMessagesReport> EncryptClearMessagesAsync(int max, CancellationToken cancellationToken = default);
}
