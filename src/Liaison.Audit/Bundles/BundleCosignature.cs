namespace Liaison.Audit.Bundles;

/// <summary>A cosignature of one of the node's checkpoints by the partner node (its witness).</summary>
/// <param name="Witness">The partner node that cosigned.</param>
/// <param name="Note">The checkpoint's signed note with the witness's signature line (a C2SP signed note).</param>
public sealed record BundleCosignature(long TreeSize, string Witness, DateTimeOffset CosignedAt, string Note);
