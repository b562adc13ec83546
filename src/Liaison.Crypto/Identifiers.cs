using System.Text.RegularExpressions;

namespace Liaison.Crypto;

/// <summary>
/// Syntax of the identifiers that travel in clear text. They are deliberately
/// narrow (ASCII, short) so that no personal data can hide in a header.
/// </summary>
public static partial class Identifiers
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageTypePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    /// <summary>Node ids: lower-case letters, digits and '-', at most 63 characters, e.g. "vn-laocai".</summary>
    public static bool IsNodeId(string value) => NodeIdPattern().IsMatch(value);

    /// <summary>Message types: lower-case dotted names, e.g. "verification.request".</summary>
    public static bool IsMessageType(string value) => value.Length <= 128 && MessageTypePattern().IsMatch(value);

    /// <summary>Case references and correlation ids: empty, or up to 64 ASCII reference characters.</summary>
    public static bool IsReference(string value) => value.Length == 0 || ReferencePattern().IsMatch(value);
}
