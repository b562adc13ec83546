using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Audit.Merkle;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// Audit entries and checkpoints as API resources, and the request fields of the auditor API
/// parsed into the store's terms. Entries hold no personal data by construction (see
/// <see cref="AuditEntry"/>), so they are copied whole.
/// </summary>
internal static class AuditMapper
{
    public const string EntryPrefix = "auditEntries/";
    public const int DefaultPageSize = 100;
    public const int DefaultCheckpointPageSize = 50;

    public static V1.AuditLogEntry ToEntry(AuditEntry entry) => new()
    {
        Name = EntryName(entry.Seq),
        Seq = entry.Seq,
        RecordTime = Timestamp.FromDateTimeOffset(entry.RecordedAt),
        EventType = entry.EventType.ToString(),
        EnvelopeId = entry.EnvelopeId?.ToString("D") ?? "",
        PeerNode = entry.PeerNode,
        Actor = entry.Actor,
        Subject = entry.Subject,
        ReasonCode = entry.ReasonCode,
        Detail = entry.Detail,
        FormatVersion = entry.FormatVersion,
        LeafData = ByteString.CopyFrom(entry.LeafData.Span),
        LeafHash = ByteString.CopyFrom(Rfc6962.HashLeaf(entry.LeafData.Span).AsSpan()),
    };

    public static V1.AuditLogCheckpoint ToCheckpoint(AuditCheckpoint checkpoint) => new()
    {
        TreeSize = checkpoint.TreeSize,
        RootHash = ByteString.CopyFrom(checkpoint.Root.AsSpan()),
        Note = checkpoint.Note,
        IssueTime = Timestamp.FromDateTimeOffset(checkpoint.IssuedAt),
    };

    public static string EntryName(long seq) => EntryPrefix + seq.ToString(CultureInfo.InvariantCulture);

    /// <summary>The seq an "auditEntries/{seq}" name gives.</summary>
    /// <exception cref="InvalidRequestException">It is not such a name.</exception>
    public static long ParseEntryName(string name, string field)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(EntryPrefix, StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(EntryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq >= 1
                ? seq
                : throw InvalidRequestException.For(field, "An audit entry's name is \"auditEntries/{seq}\", seq from 1.");
    }

    /// <summary>AIP-158 page sizes: 0 means <paramref name="defaultSize"/>, more than the maximum means the maximum, negative is an error.</summary>
    public static int PageSize(int requested, int defaultSize) => requested switch
    {
        < 0 => throw InvalidRequestException.For("page_size", "A page size is 0 (for the default) or more."),
        0 => defaultSize,
        _ => Math.Min(requested, AuditQuery.MaxPageSize),
    };

    /// <summary>The request's filters, except the case (which the API hashes), with one violation per bad field.</summary>
    public static AuditQuery ToQuery(V1.ListAuditEntriesRequest request, string subject, List<Google.Rpc.BadRequest.Types.FieldViolation> violations)
    {
        var types = new List<AuditEventType>();
        for (var i = 0; i < request.EventTypes.Count; i++)
        {
            if (System.Enum.TryParse<AuditEventType>(request.EventTypes[i], ignoreCase: false, out var type) && System.Enum.IsDefined(type)
                && type.ToString() == request.EventTypes[i])
            {
                types.Add(type);
            }
            else
            {
                violations.Add(new() { Field = $"event_types[{i}]", Description = "Not an audit event type: use a name such as \"Sealed\", \"Read\" or \"Exported\"." });
            }
        }

        Guid? envelopeId = null;
        if (request.EnvelopeId.Length > 0)
        {
            if (Guid.TryParseExact(request.EnvelopeId, "D", out var id))
            {
                envelopeId = id;
            }
            else
            {
                violations.Add(new() { Field = "envelope_id", Description = "An envelope id is a UUID in its canonical form, e.g. 01a1998e-4400-7792-bc54-ff60012af077." });
            }
        }

        if (request.Actor.Length > AuditEventRecord.MaxActorLength)
        {
            violations.Add(new() { Field = "actor", Description = $"An actor has at most {AuditEventRecord.MaxActorLength} characters." });
        }

        var newestFirst = request.OrderBy.Trim() switch
        {
            "" or "seq" or "seq asc" => false,
            "seq desc" => true,
            _ => Violation(violations, "order_by", "Order by \"seq\" (oldest first) or \"seq desc\" (latest first)."),
        };
        var from = Time(request.StartTime, "start_time", violations);
        var to = Time(request.EndTime, "end_time", violations);
        if (from is not null && to is not null && to <= from)
        {
            violations.Add(new() { Field = "end_time", Description = "The end time must come after the start time." });
        }

        return new AuditQuery(0, request.PageToken)
        {
            From = from,
            ToExclusive = to,
            EventTypes = types,
            Actor = request.Actor,
            Subject = subject,
            EnvelopeId = envelopeId,
            NewestFirst = newestFirst,
        };
    }

    private static DateTimeOffset? Time(Timestamp? time, string field, List<Google.Rpc.BadRequest.Types.FieldViolation> violations)
    {
        if (time is null)
        {
            return null;
        }

        try
        {
            return time.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            violations.Add(new() { Field = field, Description = "A time is between 0001-01-01 and 9999-12-31 with nanoseconds below one second." });
            return null;
        }
    }

    private static bool Violation(List<Google.Rpc.BadRequest.Types.FieldViolation> violations, string field, string description)
    {
        violations.Add(new() { Field = field, Description = description });
        return false;
    }
}
