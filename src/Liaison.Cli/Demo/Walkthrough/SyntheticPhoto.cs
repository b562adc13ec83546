using System.Text;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// A JPEG-like file that is clearly synthetic: the JPEG start marker, a JFIF header, a comment
/// segment that says SYNTHETIC TEST IMAGE, a repeating test pattern instead of a photograph and
/// the end marker. No image viewer shows a person in it, because there is none.
/// </summary>
internal static class SyntheticPhoto
{
    public const string MediaType = "image/jpeg";

    public static byte[] Create(int length = 48 * 1024)
    {
        var comment = Encoding.ASCII.GetBytes("SYNTHETIC TEST IMAGE - NOT A REAL PERSON - Liaison demo");
        var bytes = new List<byte>(length);
        bytes.AddRange([0xFF, 0xD8]);                                                                // SOI
        bytes.AddRange([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]); // APP0 JFIF
        bytes.AddRange([0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)]); // COM
        bytes.AddRange(comment);
        for (var i = 0; bytes.Count < length - 2; i++)
        {
            bytes.Add((byte)(i % 251 == 0xFF ? 0x00 : i % 251));                                     // a test pattern, no marker bytes
        }

        bytes.AddRange([0xFF, 0xD9]);                                                                // EOI
        return [.. bytes];
    }
}
