using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Audit.Merkle;

namespace Liaison.Audit.Bundles;

/// <summary>
/// The bundle's file: one UTF-8 JSON document, readable with any JSON tool (jq, Python), whose
/// layout deploy/audit-log.md ("Export bundles") defines. Bytes are base64 (RFC 4648 §4, padded),
/// times RFC 3339 UTC with milliseconds, the agreement the SignedAgreement in protobuf's JSON
/// mapping (as <c>agreement.json</c> files hold it). Entries come last, so a reader sees the
/// keys and checkpoints first. Thread-safe.
/// </summary>
public static class AuditBundleJson
{
    public const string Format = "liaison-audit-bundle/v1";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // Non-ASCII stays as UTF-8 rather than \u escapes, so that the file reads as it is in any script.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(Stream stream, AuditBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(bundle);
        await using var json = new Utf8JsonWriter(stream, WriterOptions);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("node", bundle.NodeId);
        json.WriteString("origin", bundle.Origin);
        json.WriteString("exported_at", Time(bundle.ExportedAt));
        json.WriteString("agreement_sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bundle.Agreement.Agreement.Span)));
        json.WritePropertyName("agreement");
        json.WriteRawValue(JsonFormatter.Default.Format(bundle.Agreement));
        json.WriteNumber("first_seq", bundle.FirstSeq);
        json.WriteNumber("tree_size", bundle.TreeSize);
        json.WriteStartArray("prefix");
        foreach (var hash in bundle.Prefix)
        {
            json.WriteStringValue(hash.ToBase64());
        }

        json.WriteEndArray();
        json.WriteStartArray("checkpoints");
        foreach (var checkpoint in bundle.Checkpoints)
        {
            json.WriteStartObject();
            json.WriteNumber("tree_size", checkpoint.TreeSize);
            json.WriteString("issued_at", Time(checkpoint.IssuedAt));
            json.WriteString("note", checkpoint.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("cosignatures");
        foreach (var cosignature in bundle.Cosignatures)
        {
            json.WriteStartObject();
            json.WriteNumber("tree_size", cosignature.TreeSize);
            json.WriteString("witness", cosignature.Witness);
            json.WriteString("cosigned_at", Time(cosignature.CosignedAt));
            json.WriteString("note", cosignature.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("entries");
        foreach (var entry in bundle.Entries)
        {
            WriteEntry(json, entry);
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <exception cref="AuditBundleFormatException">The stream is not a bundle of this format; the message names the first part that is wrong.</exception>
    public static async Task<AuditBundle> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 16 }, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new AuditBundleFormatException($"The bundle is not valid JSON (line {e.LineNumber + 1}).", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new AuditBundleFormatException($"The file is not an audit bundle of format '{Format}'.");
            }

            SignedAgreement agreement;
            try
            {
                agreement = JsonParser.Default.Parse<SignedAgreement>(Property(root, "agreement", JsonValueKind.Object, "the bundle").GetRawText());
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new AuditBundleFormatException("The bundle's agreement is not a SignedAgreement in protobuf JSON.", e);
            }

            return new AuditBundle(
                String(root, "node", "the bundle"),
                String(root, "origin", "the bundle"),
                ParseTime(root, "exported_at", "the bundle"),
                agreement,
                Int64(root, "first_seq", "the bundle"),
                Int64(root, "tree_size", "the bundle"),
                Array(root, "prefix", "the bundle", (e, i) => MerkleHash.FromBytes(Base64(e, $"prefix hash {i}", MerkleHash.Length))),
                Array(root, "entries", "the bundle", ReadEntry),
                Array(root, "checkpoints", "the bundle", (e, i) => new BundleCheckpoint(
                    Int64(e, "tree_size", $"checkpoint {i}"), ParseTime(e, "issued_at", $"checkpoint {i}"), String(e, "note", $"checkpoint {i}"))),
                Array(root, "cosignatures", "the bundle", (e, i) => new BundleCosignature(
                    Int64(e, "tree_size", $"cosignature {i}"), String(e, "witness", $"cosignature {i}"), ParseTime(e, "cosigned_at", $"cosignature {i}"), String(e, "note", $"cosignature {i}"))));
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, BundleEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("seq", entry.Seq);
        json.WriteString("recorded_at", Time(entry.RecordedAt));
        json.WriteString("event_type", entry.EventType);
        if (entry.EnvelopeId is { } id)
        {
            json.WriteString("envelope_id", id.ToString("D", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("envelope_id");
        }

        json.WriteString("peer_node", entry.PeerNode);
        json.WriteString("reason_code", entry.ReasonCode);
        json.WriteString("detail", entry.Detail);
        if (entry.Actor is not null)
        {
            json.WriteString("actor", entry.Actor);
        }

        if (entry.Subject is not null)
        {
            json.WriteString("subject", entry.Subject);
        }

        json.WriteBase64String("leaf_data", entry.LeafData.Span);
        json.WriteString("leaf_hash", Rfc6962.HashLeaf(entry.LeafData.Span).ToHex());
        json.WriteEndObject();
    }

    // The leaf hash is a convenience for readers; the verifier recomputes it from leaf_data and ignores this one.
    private static BundleEntry ReadEntry(JsonElement e, int i)
    {
        var where = $"the entry at position {i + 1}";
        var envelope = Property(e, "envelope_id", null, where);
        Guid? envelopeId = envelope.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when Guid.TryParseExact(envelope.GetString(), "D", out var id) => id,
            _ => throw new AuditBundleFormatException($"In the bundle, {where} has an envelope_id that is neither null nor a UUID."),
        };
        return new BundleEntry(
            Int64(e, "seq", where),
            ParseTime(e, "recorded_at", where),
            String(e, "event_type", where),
            envelopeId,
            String(e, "peer_node", where),
            String(e, "reason_code", where),
            String(e, "detail", where),
            e.TryGetProperty("actor", out _) ? String(e, "actor", where) : null,
            e.TryGetProperty("subject", out _) ? String(e, "subject", where) : null,
            Base64(Property(e, "leaf_data", JsonValueKind.String, where), where + "'s leaf_data", null));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static JsonElement Property(JsonElement parent, string name, JsonValueKind? kind, string where)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new AuditBundleFormatException($"In the bundle, {where} has no '{name}'.");
        }

        if (kind is { } expected && value.ValueKind != expected)
        {
            throw new AuditBundleFormatException($"In the bundle, {where}'s '{name}' is not a JSON {expected.ToString().ToLowerInvariant()}.");
        }

        return value;
    }

    private static string String(JsonElement parent, string name, string where) => Property(parent, name, JsonValueKind.String, where).GetString()!;

    private static long Int64(JsonElement parent, string name, string where) =>
        Property(parent, name, JsonValueKind.Number, where).TryGetInt64(out var value)
            ? value
            : throw new AuditBundleFormatException($"In the bundle, {where}'s '{name}' is not a whole number.");

    private static DateTimeOffset ParseTime(JsonElement parent, string name, string where) =>
        DateTimeOffset.TryParseExact(String(parent, name, where), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new AuditBundleFormatException($"In the bundle, {where}'s '{name}' is not a UTC time like 2026-05-01T10:00:00.000Z.");

    private static byte[] Base64(JsonElement value, string what, int? length)
    {
        if (value.ValueKind != JsonValueKind.String || !value.TryGetBytesFromBase64(out var bytes) || (length is { } l && bytes.Length != l))
        {
            throw new AuditBundleFormatException($"In the bundle, {what} is not {(length is { } n ? $"{n} bytes in " : "")}base64.");
        }

        return bytes;
    }

    private static List<T> Array<T>(JsonElement parent, string name, string where, Func<JsonElement, int, T> read)
    {
        var array = Property(parent, name, JsonValueKind.Array, where);
        var items = new List<T>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            items.Add(read(item, items.Count));
        }

        return items;
    }
}
