using Liaison.Audit.Merkle;

namespace Liaison.Gateway.Storage;

/// <summary>The audit log's Merkle tree as stored now: its size (entries 1 to Size) and RFC 6962 root.</summary>
public sealed record AuditTreeHead(long Size, MerkleHash Root);
