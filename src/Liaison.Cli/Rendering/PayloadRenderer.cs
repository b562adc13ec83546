using System.Text;

namespace Liaison.Cli.Rendering;

/// <summary>A decrypted payload: as text when it is printable UTF-8, otherwise a short hex preview.</summary>
internal static class PayloadRenderer
{
    public const int HexPreviewBytes = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(TextWriter output, byte[] payload)
    {
        if (TryDecodeText(payload) is { } text)
        {
            output.WriteLine($"Payload ({Display.Count(payload.Length, "byte")}, UTF-8 text):");
            output.Write(text.EndsWith('\n') ? text : text + Environment.NewLine);
            return;
        }

        var preview = payload.AsSpan(0, Math.Min(payload.Length, HexPreviewBytes));
        var more = payload.Length > HexPreviewBytes ? $", first {HexPreviewBytes} shown" : "";
        output.WriteLine($"Payload ({Display.Count(payload.Length, "byte")}, binary{more}):");
        output.WriteLine(Convert.ToHexStringLower(preview));
    }

    /// <summary>Null unless the bytes are valid UTF-8 without control characters other than line breaks and tabs.</summary>
    private static string? TryDecodeText(byte[] payload)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        // Escape sequences in a payload could rewrite the terminal, so such payloads are shown as bytes.
        return text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? null : text;
    }
}
