namespace Liaison.Audit.Bundles;

/// <summary>A checkpoint the node signed: the C2SP signed note as stored, and when the node issued it (its key must have been valid then).</summary>
public sealed record BundleCheckpoint(long TreeSize, DateTimeOffset IssuedAt, string Note);
