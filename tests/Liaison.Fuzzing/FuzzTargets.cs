namespace Liaison.Fuzzing;

/// <summary>The targets by name.</summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["envelope", "agreement", "receipt", "transfer"];

    /// <summary>Builds a target (keys, agreements and seeds are generated on first use).</summary>
    public static IFuzzTarget Create(string name) => name switch
    {
        "envelope" => new EnvelopeTarget(),
        "agreement" => new AgreementTarget(),
        "receipt" => new ReceiptTarget(),
        "transfer" => new TransferTarget(),
        _ => throw new ArgumentException($"Unknown target '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
