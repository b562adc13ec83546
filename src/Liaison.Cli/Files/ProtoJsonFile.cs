using Google.Protobuf;

namespace Liaison.Cli.Files;

/// <summary>Protobuf messages stored as canonical protobuf JSON, the form people review, edit and exchange.</summary>
internal static class ProtoJsonFile
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false).WithIndentation());

    // Unknown fields are errors: a misspelt field in a hand-edited draft must not vanish silently before it is signed.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static T Read<T>(string path)
        where T : IMessage, new() => Parse<T>(File.ReadAllText(path), path);

    /// <summary>Parses text already read from <paramref name="path"/>; the path only names the file in errors.</summary>
    public static T Parse<T>(string json, string path)
        where T : IMessage, new()
    {
        try
        {
            return Parser.Parse<T>(json);
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException)
        {
            // The parser's message does not say which file it was reading.
            throw new CliException($"'{path}' is not a valid {new T().Descriptor.Name} in protobuf JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Writes through a temporary file and a rename, so an interrupted run never leaves half a file.</summary>
    /// <param name="overwrite">False for files that must never be replaced, such as published keys.</param>
    public static void Write(string path, IMessage message, bool overwrite = true)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, Formatter.Format(message) + "\n");
            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
