using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage;

/// <summary>A signed checkpoint of the audit log as the store keeps it.</summary>
/// <param name="TreeSize">How many audit entries it covers (seq 1 to TreeSize).</param>
/// <param name="Root">The RFC 6962 tree head of those entries.</param>
/// <param name="Note">The C2SP signed note: <c>origin\nsize\nbase64(root)\n</c>, a blank line and the node's signature line.</param>
/// <param name="IssuedAt">When this node signed it; its key is checked as valid then.</param>
public sealed record AuditCheckpoint(long TreeSize, MerkleHash Root, string Note, DateTimeOffset IssuedAt);
