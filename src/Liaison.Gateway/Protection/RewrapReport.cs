namespace Liaison.Gateway.Protection;

/// <summary>What one rewrap pass did, and how many live data keys each KEK wraps afterwards.</summary>
/// <param name="Rewrapped">Data keys moved to the current KEK by this pass.</param>
/// <param name="CurrentKek">The id of the KEK they were moved to.</param>
/// <param name="LiveKeysByKek">Live (not erased) data keys per KEK id, this pass included.</param>
/// <param name="Unwrappable">Data keys this pass could not unwrap: their KEK is not held, or their bytes were altered.</param>
public sealed record RewrapReport(int Rewrapped, string CurrentKek, IReadOnlyDictionary<string, long> LiveKeysByKek, int Unwrappable)
{
    /// <summary>Live data keys wrapped by any KEK other than the current one: 0 once rotation is complete.</summary>
    public long Remaining => LiveKeysByKek.Where(p => p.Key != CurrentKek).Sum(p => p.Value);
}
