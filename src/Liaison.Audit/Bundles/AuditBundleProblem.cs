namespace Liaison.Audit.Bundles;

/// <summary>One thing wrong with a bundle.</summary>
/// <param name="Item">Which item: "agreement", "entry 7", "checkpoint 120", "cosignature 120 by cn-yunnan".</param>
/// <param name="Description">A sentence that says what is wrong and, where it can, what was done.</param>
public sealed record AuditBundleProblem(string Item, string Description);
