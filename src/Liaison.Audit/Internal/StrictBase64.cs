namespace Liaison.Audit.Internal;

/// <summary>
/// Standard base64 (RFC 4648 §4) accepted only in its canonical form: padded,
/// no whitespace, no stray bits. Two spellings of one value would let a signed
/// artifact be re-encoded without breaking its signature, so only one is accepted.
/// </summary>
internal static class StrictBase64
{
    public static byte[]? Decode(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return null;
            }
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
        return Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}
