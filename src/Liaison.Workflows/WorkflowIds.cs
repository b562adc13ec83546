using System.Text.RegularExpressions;

namespace Liaison.Workflows;

/// <summary>
/// Syntax of workflow ids, case references and officer ids. It is the same as
/// Liaison.Crypto's Identifiers.IsReference (these values travel in clear in
/// the envelope header), except that a workflow id may not be empty.
/// </summary>
public static partial class WorkflowIds
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    /// <summary>1-64 of A-Za-z0-9/._-, starting with a letter or digit.</summary>
    public static bool IsValid(string value) => value is not null && ReferencePattern().IsMatch(value);

    /// <summary>Empty, or a valid reference.</summary>
    public static bool IsValidOrEmpty(string value) => value is not null && (value.Length == 0 || ReferencePattern().IsMatch(value));
}
