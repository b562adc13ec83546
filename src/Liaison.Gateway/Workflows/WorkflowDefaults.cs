namespace Liaison.Gateway.Workflows;

/// <summary>Defaults of the workflows until they are configured per agreement.</summary>
public static class WorkflowDefaults
{
    /// <summary>The border gates handovers may use: the Lao Cai–Hekou international gate and the Kim Thanh–Hekou road gate.</summary>
    public static IReadOnlyList<string> BorderGates { get; } = ["VN-LAOCAI/CN-HEKOU", "VN-KIMTHANH/CN-HEKOU"];
}
