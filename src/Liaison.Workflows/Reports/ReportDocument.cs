using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Liaison.Workflows.Reports.Internal;

namespace Liaison.Workflows.Reports;

/// <summary>
/// Writes a report as one self-contained, printable, bilingual HTML document: every heading and label in the primary
/// and secondary languages side by side (English as a third line when neither is English), the figures, the monthly
/// table and an inline SVG bar chart. It is written as well-formed XHTML through System.Xml, so every text and
/// attribute is encoded; it holds counts only, never personal data.
/// </summary>
public static class ReportDocument
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";

    private const string Style = """
        body { font-family: "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", Arial, sans-serif; margin: 2em; color: #111; }
        h1 span, h2 span, th span { display: block; }
        .english { color: #555; font-size: 0.85em; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #999; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
        td.value { text-align: right; font-variant-numeric: tabular-nums; }
        @media print { body { margin: 1cm; } h2 { page-break-after: avoid; } table, svg { page-break-inside: avoid; } }
        """;

    public static void WriteHtml(PeriodicReport report, TextWriter writer, ReportLanguage primary = ReportLanguage.Vietnamese, ReportLanguage secondary = ReportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        if (primary == secondary)
        {
            throw new ArgumentException("The primary and secondary languages must differ.", nameof(secondary));
        }

        var languages = new List<ReportLanguage> { primary, secondary };
        if (!languages.Contains(ReportLanguage.English))
        {
            languages.Add(ReportLanguage.English);
        }

        var html = new XElement(Html + "html", new XAttribute("lang", LanguageTag(primary)),
            new XElement(Html + "head",
                new XElement(Html + "meta", new XAttribute("charset", "utf-8")),
                new XElement(Html + "title", $"{LabelTable.Pick(LabelTable.Title, primary)} / {LabelTable.Pick(LabelTable.Title, secondary)} {report.Period}"),
                new XElement(Html + "style", Style)),
            new XElement(Html + "body",
                new XElement(Html + "h1", Spans(LabelTable.Title, languages)),
                new XElement(Html + "p", new XElement(Html + "strong", report.Period.ToString())),
                new XElement(Html + "p", Spans(LabelTable.NoPersonalData, languages)),
                new XElement(Html + "h2", Spans(LabelTable.Figures, languages)),
                FiguresTable(report, languages),
                new XElement(Html + "h2", Spans(LabelTable.MonthlyVolumes, languages)),
                MonthlyTable(report, languages),
                VolumeChart.Build(report, label => string.Join(" / ", languages.Take(2).Select(l => LabelTable.Pick(label, l))))));

        // XmlWriter would write "<!DOCTYPE html >"; the HTML5 doctype is written as text before the XML starts.
        writer.Write("<!DOCTYPE html>\n");
        using var xml = XmlWriter.Create(writer, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n" });
        html.WriteTo(xml);
    }

    private static XElement FiguresTable(PeriodicReport report, List<ReportLanguage> languages) =>
        new(Html + "table",
            new XElement(Html + "tbody",
                ReportRows.Summary(report).Concat(ReportRows.Identification(report)).Select(row => new XElement(Html + "tr",
                    languages.Take(2).Select((l, i) => new XElement(Html + "th", new XAttribute("lang", LanguageTag(l)),
                        ReportLabels.For(row.Metric, l),
                        i == 1 && languages.Count == 3 ? new XElement(Html + "span", new XAttribute("class", "english"), new XAttribute("lang", "en"), ReportLabels.For(row.Metric, ReportLanguage.English)) : null)),
                    new XElement(Html + "td", new XAttribute("class", "value"), Display(row.Metric, row.Value))))));

    private static XElement MonthlyTable(PeriodicReport report, List<ReportLanguage> languages) =>
        new(Html + "table",
            new XElement(Html + "thead", new XElement(Html + "tr",
                new[] { LabelTable.Month, LabelTable.MonthlyRequestsSent, LabelTable.MonthlyRequestsReceived, LabelTable.MonthlyAlertsRaised }
                    .Select(label => new XElement(Html + "th", Spans(label, languages))))),
            new XElement(Html + "tbody", report.Months.Select(m => new XElement(Html + "tr",
                new XElement(Html + "td", m.Month.ToString()),
                Value(m.RequestsSent), Value(m.RequestsReceived), Value(m.AlertsRaised)))));

    private static XElement Value(int count) => new(Html + "td", new XAttribute("class", "value"), count.ToString(CultureInfo.InvariantCulture));

    private static IEnumerable<XElement> Spans((string Vi, string Zh, string En) label, List<ReportLanguage> languages) =>
        languages.Select((l, i) => new XElement(Html + "span",
            new XAttribute("lang", LanguageTag(l)),
            i == 2 ? new XAttribute("class", "english") : null,
            LabelTable.Pick(label, l)));

    private static string Display(string metric, string value)
    {
        if (value.Length == 0)
        {
            return "—";
        }

        return metric.EndsWith("_share", StringComparison.Ordinal)
            ? (double.Parse(value, CultureInfo.InvariantCulture) * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %"
            : value;
    }

    private static string LanguageTag(ReportLanguage language) => language switch
    {
        ReportLanguage.Vietnamese => "vi",
        ReportLanguage.Chinese => "zh-Hans",
        ReportLanguage.English => "en",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };
}
