namespace Liaison.Workflows.Localization;

/// <summary>
/// Labels for the values of the workflow protos' enums, so that an officer
/// sees "Khẩn cấp" or "紧急" rather than URGENCY_IMMEDIATE. Thread-safe.
/// </summary>
public static class Labels
{
    /// <summary>
    /// The label of <paramref name="value"/> in <paramref name="language"/>: a workflow proto enum's value, or a
    /// state machine's status (VerificationStatus, CriteriaStatus, HandoverStatus, AlertStatus); throws for a value
    /// without labels (e.g. UNSPECIFIED).
    /// </summary>
    public static string Of(Enum value, Language language) =>
        TryOf(value, language) ?? throw new ArgumentException($"{value.GetType().Name}.{value} has no label.", nameof(value));

    /// <summary>The label, or null when the value has none (UNSPECIFIED and enums outside the workflows).</summary>
    public static string? TryOf(Enum value, Language language)
    {
        ArgumentNullException.ThrowIfNull(value);
        return LabelTable.Entries.TryGetValue(value, out var label) ? label.In(language) : null;
    }
}
