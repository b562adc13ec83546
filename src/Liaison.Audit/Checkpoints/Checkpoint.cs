using System.Globalization;
using Liaison.Audit.Internal;
using Liaison.Audit.Merkle;
using Liaison.Audit.Notes;

namespace Liaison.Audit.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint body (https://c2sp.org/tlog-checkpoint):
/// <c>origin\nsize\nbase64(root)\n</c>. Validated on construction and immutable.
/// Stricter than the spec in two ways, because both ends are Liaison nodes:
/// the origin must not contain spaces or '+' (a SHOULD there), and extension
/// lines are refused (allowed but NOT RECOMMENDED there, and never written by us).
/// </summary>
public sealed record Checkpoint
{
    public Checkpoint(string origin, ulong size, MerkleHash root)
    {
        if (OriginProblem(origin) is { } problem)
        {
            throw new ArgumentException(problem, nameof(origin));
        }
        ArgumentNullException.ThrowIfNull(root);
        Origin = origin;
        Size = size;
        Root = root;
    }

    /// <summary>The log's identity, for example <c>liaison.example/vn-laocai/audit</c>.</summary>
    public string Origin { get; }

    public ulong Size { get; }

    public MerkleHash Root { get; }

    /// <summary>The note text that the log signs.</summary>
    public string ToBody() => string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{Size}\n{Root.ToBase64()}\n");

    /// <summary>Parses a checkpoint body strictly; <see cref="NoteFormatException"/> names the first rule broken.</summary>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            throw new NoteFormatException("A checkpoint body must end with a newline.");
        }
        var lines = body[..^1].Split('\n');
        if (lines.Length != 3)
        {
            throw new NoteFormatException($"A checkpoint body has exactly three lines (origin, size, root), not {lines.Length}.");
        }
        if (OriginProblem(lines[0]) is { } problem)
        {
            throw new NoteFormatException(problem);
        }
        var size = ParseSize(lines[1]);
        var root = StrictBase64.Decode(lines[2]);
        if (root is not { Length: MerkleHash.Length })
        {
            throw new NoteFormatException($"The checkpoint root '{lines[2]}' is not the canonical base64 of a {MerkleHash.Length}-byte hash.");
        }
        return new Checkpoint(lines[0], size, MerkleHash.FromBytes(root));
    }

    private static ulong ParseSize(string text)
    {
        // Only ASCII digits, without sign, spaces or leading zeros: one spelling per size.
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            throw new NoteFormatException($"The checkpoint size '{text}' is not a decimal number without leading zeros.");
        }
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new NoteFormatException($"The checkpoint size '{text}' does not fit in 64 bits.");
        }
        return size;
    }

    private static string? OriginProblem(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return "A checkpoint origin must not be empty.";
        }
        if (origin.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '+'))
        {
            return $"The checkpoint origin '{origin}' must not contain spaces, control characters or '+'.";
        }
        return null;
    }
}
