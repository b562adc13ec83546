using System.Globalization;
using System.Xml.Linq;

namespace Liaison.Workflows.Reports.Internal;

/// <summary>
/// The monthly volumes as an inline SVG: one stacked bar per reporting month (requests sent, requests received,
/// alerts raised), each segment titled with its count so the chart is readable without colour.
/// </summary>
internal static class VolumeChart
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const int Width = 720;
    private const int Height = 260;
    private const int Top = 20;
    private const int Bottom = 40;
    private const int Left = 40;

    private static readonly (string Class, string Colour)[] Series =
        [("sent", "#1f5f99"), ("received", "#c0392b"), ("alerts", "#e0a100")];

    public static XElement Build(PeriodicReport report, Func<(string Vi, string Zh, string En), string> label)
    {
        var months = report.Months;
        var maximum = Math.Max(1, months.Max(m => m.RequestsSent + m.RequestsReceived + m.AlertsRaised));
        var slot = (Width - Left) / (double)months.Length;
        var barWidth = Math.Min(40, slot * 0.6);
        var plotHeight = Height - Top - Bottom;
        var names = new[] { label(LabelTable.MonthlyRequestsSent), label(LabelTable.MonthlyRequestsReceived), label(LabelTable.MonthlyAlertsRaised) };

        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {Height + 30}"),
            new XAttribute("width", Width),
            new XAttribute("height", Height + 30),
            new XAttribute("role", "img"),
            new XElement(Svg + "title", label(LabelTable.MonthlyVolumes)),
            new XElement(Svg + "line", Attr("x1", Left), Attr("y1", Top + plotHeight), Attr("x2", Width), Attr("y2", Top + plotHeight), new XAttribute("stroke", "#333")),
            new XElement(Svg + "text", Attr("x", Left - 6), Attr("y", Top + 4), new XAttribute("text-anchor", "end"), maximum.ToString(CultureInfo.InvariantCulture)),
            new XElement(Svg + "text", Attr("x", Left - 6), Attr("y", Top + plotHeight), new XAttribute("text-anchor", "end"), "0"));

        for (var i = 0; i < months.Length; i++)
        {
            var month = months[i];
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var counts = new[] { month.RequestsSent, month.RequestsReceived, month.AlertsRaised };
            var bar = new XElement(Svg + "g", new XAttribute("class", "bar"), new XAttribute("data-month", month.Month.ToString()));
            var y = (double)(Top + plotHeight);
            for (var s = 0; s < Series.Length; s++)
            {
                var height = plotHeight * counts[s] / (double)maximum;
                y -= height;
                bar.Add(new XElement(Svg + "rect",
                    new XAttribute("class", Series[s].Class), Attr("x", x), Attr("y", y), Attr("width", barWidth), Attr("height", height),
                    new XAttribute("fill", Series[s].Colour),
                    new XElement(Svg + "title", $"{month.Month}: {names[s]} {counts[s].ToString(CultureInfo.InvariantCulture)}")));
            }

            bar.Add(new XElement(Svg + "text", Attr("x", x + (barWidth / 2)), Attr("y", Top + plotHeight + 16), new XAttribute("text-anchor", "middle"), month.Month.ToString()));
            svg.Add(bar);
        }

        for (var s = 0; s < Series.Length; s++)
        {
            var x = Left + (s * 200);
            svg.Add(new XElement(Svg + "rect", Attr("x", x), Attr("y", Height + 8), Attr("width", 12), Attr("height", 12), new XAttribute("fill", Series[s].Colour)),
                new XElement(Svg + "text", Attr("x", x + 18), Attr("y", Height + 18), names[s]));
        }

        return svg;
    }

    private static XAttribute Attr(string name, double value) => new(name, value.ToString("0.##", CultureInfo.InvariantCulture));
}
