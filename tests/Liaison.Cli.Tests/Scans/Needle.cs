using System.Text;

namespace Liaison.Cli.Tests.Scans;

/// <summary>One encoding of one secret or personal value, e.g. "passphrase of vn-laocai as UTF-16LE".</summary>
public sealed record Needle(string Name, byte[] Bytes)
{
    // Shorter encodings would match by chance in hashes and random bytes.
    private const int MinimumBytes = 6;

    /// <summary>
    /// A text value as it could be written anywhere: UTF-8 (composed and decomposed, since Vietnamese
    /// diacritics have both forms), UTF-16 in both byte orders, JSON \u escapes, and the base64 and hex
    /// of its UTF-8 bytes.
    /// </summary>
    public static IEnumerable<Needle> ForText(string name, string text)
    {
        var forms = new Dictionary<string, byte[]>();
        foreach (var (form, value) in new[] { ("NFC", text.Normalize(NormalizationForm.FormC)), ("NFD", text.Normalize(NormalizationForm.FormD)) })
        {
            forms.TryAdd($"UTF-8 {form}", Encoding.UTF8.GetBytes(value));
            forms.TryAdd($"UTF-16LE {form}", Encoding.Unicode.GetBytes(value));
            forms.TryAdd($"UTF-16BE {form}", Encoding.BigEndianUnicode.GetBytes(value));
            if (value.Any(c => c > 0x7E))
            {
                forms.TryAdd($"JSON-escaped {form}", Encoding.ASCII.GetBytes(JsonEscaped(value, "x4")));
                forms.TryAdd($"JSON-escaped (upper case) {form}", Encoding.ASCII.GetBytes(JsonEscaped(value, "X4")));
            }
        }

        var needles = forms.Select(f => new Needle($"{name} as {f.Key}", f.Value)).ToList();
        needles.AddRange(EncodingsOf(name + " (UTF-8)", Encoding.UTF8.GetBytes(text.Normalize(NormalizationForm.FormC)), includeRaw: false));
        return needles.Where(n => n.Bytes.Length >= MinimumBytes);
    }

    /// <summary>Bytes as they could be written anywhere: raw, hex in both cases, and base64 and base64url at each of the three alignments a value can have inside a longer blob.</summary>
    public static IEnumerable<Needle> ForBytes(string name, byte[] bytes) => EncodingsOf(name, bytes, includeRaw: true).Where(n => n.Bytes.Length >= MinimumBytes);

    private static IEnumerable<Needle> EncodingsOf(string name, byte[] bytes, bool includeRaw)
    {
        if (includeRaw)
        {
            yield return new Needle($"{name} raw", bytes);
        }

        yield return new Needle($"{name} as hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(bytes)));
        yield return new Needle($"{name} as HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(bytes)));
        for (var offset = 0; offset < 3; offset++)
        {
            var inner = Base64Inner(bytes, offset);
            yield return new Needle($"{name} as base64 (offset {offset})", Encoding.ASCII.GetBytes(inner));
            yield return new Needle($"{name} as base64url (offset {offset})", Encoding.ASCII.GetBytes(inner.Replace('+', '-').Replace('/', '_')));
        }
    }

    /// <summary>
    /// The base64 characters that depend only on <paramref name="bytes"/> when they sit
    /// <paramref name="offset"/> bytes past a 3-byte boundary of a longer blob.
    /// </summary>
    private static string Base64Inner(byte[] bytes, int offset)
    {
        var encoded = Convert.ToBase64String([.. new byte[offset], .. bytes]).TrimEnd('=');
        var (firstBit, endBit) = (8 * offset, 8 * (offset + bytes.Length));
        var chars = Enumerable.Range(0, encoded.Length).Where(i => 6 * i >= firstBit && (6 * i) + 6 <= endBit).ToList();
        return chars.Count == 0 ? "" : encoded.Substring(chars[0], chars.Count);
    }

    private static string JsonEscaped(string value, string format) =>
        string.Concat(value.Select(c => c > 0x7E ? "\\u" + ((int)c).ToString(format, System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
}
