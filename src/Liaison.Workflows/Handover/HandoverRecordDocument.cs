using System.Globalization;
using System.Xml.Linq;
using Liaison.Workflow.V1;
using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Handover;

/// <summary>
/// The handover record as a printable, self-contained bilingual XHTML document: every heading
/// in two languages side by side, the border gate by its names in both languages, the people, documents, belongings, escorts and interpreter
/// of the record, and both sides' signatures over its digest. Built with XElement, so every
/// value is escaped. The document holds the record's personal data, as the paper record does:
/// it is for the officers of both sides, never for logs or the audit trail.
/// </summary>
public static class HandoverRecordDocument
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    public static void WriteHtml(HandoverRecord record, HandoverState state, Language primary, Language secondary, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(writer);
        string Both(string key) => $"{HandoverRecordLabels.Of(key, primary)} / {HandoverRecordLabels.Of(key, secondary)}";
        string Label(Enum value) => $"{Labels.Of(value, primary)} / {Labels.Of(value, secondary)}";
        var digest = Convert.ToHexStringLower(HandoverRecordDigest.Of(record));
        var people = record.People.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        string Who(string personId) => people.TryGetValue(personId, out var person) && person.Names.Count > 0
            ? $"{person.Names[0].Name.Text} ({personId})"
            : personId;

        var body = new XElement(Xhtml + "body",
            new XElement(Xhtml + "h1", Both("title")),
            state.Status == HandoverStatus.Completed
                ? null
                : new XElement(Xhtml + "p", new XAttribute("class", "warning"), Both("not_completed")),
            Table(Both("handover"),
                Row(Both("workflow"), record.WorkflowId),
                Row(Both("gate"), state.Gate is { } gate && gate.Code == record.BorderGateId
                    ? $"{gate.Name(primary)} / {gate.Name(secondary)} ({gate.Code})"
                    : record.BorderGateId),
                Row(Both("time"), HandedOverAt(record, state.Gate)),
                Row(Both("digest"), digest)),
            new XElement(Xhtml + "h2", Both("people")),
            Grid([Both("person"), Both("names"), Both("sex"), Both("birth_year"), Both("accompanies")],
                record.People.Select(p => new[]
                {
                    p.PersonId,
                    string.Join("; ", p.Names.Select(n => n.Name.Text)),
                    p.Sex == Sex.Unspecified ? "" : Label(p.Sex),
                    p.BirthYear == 0 ? "" : p.BirthYear.ToString(CultureInfo.InvariantCulture),
                    p.AccompaniesPersonId.Length == 0 ? "" : Who(p.AccompaniesPersonId),
                })),
            new XElement(Xhtml + "p", $"{Both("children")}: {string.Join(", ", record.ChildrenPersonIds.Select(Who))}"),
            new XElement(Xhtml + "h2", Both("documents")),
            Grid([Both("person"), Both("document"), Both("number"), Both("issued_by")],
                record.Documents.Select(d => new[] { Who(d.PersonId), d.Document is null ? "" : Label(d.Document.Kind), d.Document?.Number ?? "", d.Document?.IssuingCountry ?? "" })),
            new XElement(Xhtml + "h2", Both("belongings")),
            Grid([Both("person"), Both("description"), Both("quantity")],
                record.Belongings.Select(b => new[] { Who(b.PersonId), b.Description?.Text ?? "", b.Quantity.ToString(CultureInfo.InvariantCulture) })),
            new XElement(Xhtml + "h2", Both("escorts")),
            Grid([Both("officer"), Both("side"), Both("role")],
                record.Escorts.Select(e => new[] { e.OfficerId, e.Side == Party.Unspecified ? "" : Label(e.Side), e.Role?.Text ?? "" })),
            new XElement(Xhtml + "p", $"{Both("interpreter")}: {record.Interpreter?.InterpreterId ?? "-"} ({string.Join(", ", record.Interpreter?.Languages ?? [])})"),
            new XElement(Xhtml + "h2", Both("signatures")),
            Grid([Both("side"), Both("officer"), Both("node"), Both("key"), Both("digest"), Both("time")],
                new[] { state.InitiatorSignature, state.ResponderSignature }.OfType<SignatureRecord>().Select(s => new[]
                {
                    Label(s.Party), s.OfficerId, s.SignerNode, $"{s.Algorithm} {s.KeyId}", s.DigestHex,
                    s.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                })));

        var document = new XDocument(
            new XDocumentType("html", null, null, null),
            new XElement(Xhtml + "html",
                new XAttribute("lang", LanguageTag(primary)),
                new XElement(Xhtml + "head",
                    new XElement(Xhtml + "meta", new XAttribute("charset", "utf-8")),
                    new XElement(Xhtml + "title", Both("title") + " " + record.WorkflowId),
                    new XElement(Xhtml + "style", "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #444;padding:.2em .5em;text-align:left}.warning{color:#a00;font-weight:bold}")),
                body));
        using var xml = System.Xml.XmlWriter.Create(writer, new System.Xml.XmlWriterSettings { Indent = true, OmitXmlDeclaration = true });
        document.WriteTo(xml);
    }

    // The gate's local time, as the officers there read it, then UTC.
    private static string HandedOverAt(HandoverRecord record, BorderGate? gate)
    {
        if (record.HandedOverAt?.ToDateTimeOffset() is not { } at)
        {
            return "";
        }

        var utc = at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return gate is null || gate.Code != record.BorderGateId
            ? utc
            : $"{TimeZoneInfo.ConvertTime(at, gate.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({gate.TimeZone.Id}), {utc}";
    }

    private static XElement Table(string caption, params XElement[] rows) =>
        new(Xhtml + "table", new XElement(Xhtml + "caption", caption), rows);

    private static XElement Row(string name, string value) =>
        new(Xhtml + "tr", new XElement(Xhtml + "th", name), new XElement(Xhtml + "td", value));

    private static XElement Grid(string[] headers, IEnumerable<string[]> rows) =>
        new(Xhtml + "table",
            new XElement(Xhtml + "tr", headers.Select(h => new XElement(Xhtml + "th", h))),
            rows.Select(r => new XElement(Xhtml + "tr", r.Select(v => new XElement(Xhtml + "td", v)))));

    private static string LanguageTag(Language language) => language switch
    {
        Language.Vi => "vi",
        Language.Zh => "zh-Hans",
        _ => "en",
    };
}
