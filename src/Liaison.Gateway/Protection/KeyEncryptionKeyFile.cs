namespace Liaison.Gateway.Protection;

/// <summary>
/// A key-encryption key in a file: one line, the base64 of its 32 bytes. The file must
/// be readable by its owner only (mode 0600), like the node's private-key file. Every
/// failure is a <see cref="DataProtectionException"/> with one sentence naming the file,
/// never its content.
/// </summary>
public static class KeyEncryptionKeyFile
{
    /// <summary>Writes a new random KEK to <paramref name="path"/> with mode 0600, refusing to overwrite a file.</summary>
    /// <returns>The KEK written.</returns>
    public static KeyEncryptionKey Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var key = KeyEncryptionKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with the mode, not chmod-ed afterwards: never readable by others, even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key.ToText() + "\n");
        }

        return key;
    }

    /// <exception cref="DataProtectionException">Missing, readable by others, or not a KEK.</exception>
    public static KeyEncryptionKey Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataProtectionException($"The key-encryption key file '{path}' does not exist.");
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new DataProtectionException($"The key-encryption key file '{path}' is readable or writable by other users; run 'chmod 600 {path}' and try again.");
        }

        return Parse(File.ReadAllText(path), $"The key-encryption key file '{path}'");
    }

    /// <summary>Reads a KEK from its text (base64 of 32 bytes, surrounding white space ignored).</summary>
    /// <param name="source">The sentence's subject when the text is not a KEK, e.g. "The environment variable X".</param>
    /// <exception cref="DataProtectionException">The text is not a KEK.</exception>
    public static KeyEncryptionKey Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new byte[KeyEncryptionKey.KeyBytes + 1];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == KeyEncryptionKey.KeyBytes
            ? KeyEncryptionKey.FromBytes(bytes.AsSpan(0, written))
            : throw new DataProtectionException($"{source} does not hold a key-encryption key: it must be the base64 of {KeyEncryptionKey.KeyBytes} random bytes, as 'liaison keys kek' writes.");
    }
}
