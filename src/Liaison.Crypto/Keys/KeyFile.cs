using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Liaison.Crypto.Internal;
using Liaison.Crypto.V1;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;

namespace Liaison.Crypto.Keys;

/// <summary>The memory-hard cost of deriving a key-file key from a passphrase.</summary>
/// <param name="LogN">scrypt's N is 2^LogN.</param>
public sealed record ScryptCost(int LogN, int R, int P)
{
    /// <summary>N = 2^17, r = 8, p = 1: 128 MiB of memory per attempt (OWASP's scrypt recommendation).</summary>
    public static readonly ScryptCost Default = new(17, 8, 1);

    /// <summary>The weakest cost a key file may declare; anything lower is refused at load.</summary>
    public static readonly ScryptCost Minimum = new(14, 8, 1);

    /// <summary>Whether a key file may use this cost; anything else is refused when written or read.</summary>
    public bool IsAcceptable => LogN is >= 14 and <= 20 && R is >= 8 and <= 16 && P is >= 1 and <= 4;
}

/// <summary>
/// Encrypted private-key files: a JSON document whose ciphertext is a serialised
/// <see cref="PrivateKeyBundle"/> under AES-256-GCM, keyed by scrypt(passphrase).
/// Files are created with mode 0600, and a file that others can read is refused at load.
/// </summary>
public static class KeyFile
{
    private const string FormatName = "liaison-private-key-v1";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(string path, KeyRing ring, string passphrase, ScryptCost? cost = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        cost ??= ScryptCost.Default;
        if (!cost.IsAcceptable)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), "A key file's scrypt cost must be log N 14 to 20, r 8 to 16, p 1 to 4.");
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var key = DeriveKey(passphrase, salt, cost);
        var plaintext = ring.ToBundle().ToByteArray();
        var ciphertext = new byte[plaintext.Length + 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plaintext, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), AssociatedData(ring.Owner, cost));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        CryptographicOperations.ZeroMemory(key);
        var document = new KeyFileDocument(FormatName, ring.Owner, "scrypt", cost.LogN, cost.R, cost.P,
            Convert.ToBase64String(salt), Convert.ToBase64String(nonce), Convert.ToBase64String(ciphertext));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, document, Json);
    }

    public static KeyRing Read(string path, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!File.Exists(path))
        {
            throw new KeyFileException(KeyFileProblem.NotFound, $"The private-key file '{path}' does not exist.");
        }

        RefuseIfReadableByOthers(path);
        KeyFileDocument document;
        byte[] salt, nonce, ciphertext;
        try
        {
            document = JsonSerializer.Deserialize<KeyFileDocument>(File.ReadAllBytes(path), Json)
                ?? throw new JsonException("empty document");
            salt = Convert.FromBase64String(document.Salt);
            nonce = Convert.FromBase64String(document.Nonce);
            ciphertext = Convert.FromBase64String(document.Ciphertext);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentNullException)
        {
            throw new KeyFileException(KeyFileProblem.Corrupt, $"The private-key file '{path}' is not a Liaison key file.", ex);
        }

        var cost = new ScryptCost(document.LogN, document.R, document.P);
        if (document.Format != FormatName || document.Kdf != "scrypt" || !cost.IsAcceptable || nonce.Length != 12 || ciphertext.Length < 16)
        {
            throw new KeyFileException(KeyFileProblem.Corrupt, $"The private-key file '{path}' has an unsupported format or a scrypt cost outside the allowed range.");
        }

        var key = DeriveKey(passphrase, salt, cost);
        var plaintext = new byte[ciphertext.Length - 16];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(nonce, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), plaintext, AssociatedData(document.Owner, cost));
            return KeyRing.FromBundle(PrivateKeyBundle.Parser.ParseFrom(plaintext));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyFileException(KeyFileProblem.WrongPassphrase, $"The passphrase does not open the private-key file '{path}' (or the file was altered).", ex);
        }
        catch (Exception ex) when (ex is Google.Protobuf.InvalidProtocolBufferException or FormatException or ArgumentException)
        {
            throw new KeyFileException(KeyFileProblem.Corrupt, $"The private-key file '{path}' decrypts but does not hold valid keys.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Refuses a key file whose group or other permission bits are set.</summary>
    public static void RefuseIfReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & others) != 0)
        {
            throw new KeyFileException(KeyFileProblem.ReadableByOthers,
                $"The private-key file '{path}' is accessible to other users (mode {Convert.ToString((int)mode, 8)}); run 'chmod 600 {path}' and try again.");
        }
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt, ScryptCost cost) =>
        SCrypt.Generate(Encoding.UTF8.GetBytes(passphrase), salt, 1 << cost.LogN, cost.R, cost.P, 32);

    // The owner and the cost are bound to the ciphertext so neither can be swapped in the file.
    private static byte[] AssociatedData(string owner, ScryptCost cost) =>
        Encoding.UTF8.GetBytes($"{Encoding.ASCII.GetString(Labels.KeyFileAssociatedData)}|{owner}|scrypt|{cost.LogN}|{cost.R}|{cost.P}");

    private sealed record KeyFileDocument(
        string Format,
        string Owner,
        string Kdf,
        [property: JsonPropertyName("log_n")] int LogN,
        int R,
        int P,
        string Salt,
        string Nonce,
        string Ciphertext);
}
