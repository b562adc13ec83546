namespace Liaison.Audit.Notes;

/// <summary>The signed-note rule for key names: non-empty, no Unicode spaces, no '+'.</summary>
internal static class NoteKeyName
{
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a key name must not be empty";
        }
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c == '+' || char.IsControl(c))
            {
                return $"key name '{name}' contains a space, a control character or '+'";
            }
        }
        return null;
    }

    public static void Validate(string? name)
    {
        if (Problem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }
    }
}
