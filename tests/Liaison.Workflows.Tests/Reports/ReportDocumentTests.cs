using System.Xml.Linq;
using Liaison.Workflows.Reports;

namespace Liaison.Workflows.Tests.Reports;

public sealed class ReportDocumentTests
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static (string Text, XDocument Document) Write(PeriodicReport report, ReportLanguage primary = ReportLanguage.Vietnamese, ReportLanguage secondary = ReportLanguage.Chinese)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ReportDocument.WriteHtml(report, writer, primary, secondary);
        var text = writer.ToString();
        return (text, XDocument.Parse(text));
    }

    [Fact]
    public void TheDocumentIsWellFormedXhtmlWithBothLanguagesSideBySide()
    {
        var (text, document) = Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input()));

        Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.Ordinal);
        Assert.Equal(Html + "html", document.Root!.Name);
        Assert.Equal("vi", document.Root.Attribute("lang")!.Value);
        var heading = document.Descendants(Html + "h1").Single();
        Assert.Equal(["vi", "zh-Hans", "en"], heading.Elements(Html + "span").Select(s => s.Attribute("lang")!.Value).ToArray());
        Assert.Contains("Báo cáo định kỳ công tác liên lạc phòng, chống mua bán người", heading.Value, StringComparison.Ordinal);
        Assert.Contains("打击拐卖人口联络工作定期报告", heading.Value, StringComparison.Ordinal);

        var row = document.Descendants(Html + "tr").Single(tr => tr.Value.Contains("Tỷ lệ trả lời đúng hạn (yêu cầu đã nhận)", StringComparison.Ordinal));
        Assert.Contains("按期答复率（已收到请求）", row.Value, StringComparison.Ordinal);
        Assert.Equal("33.3 %", row.Elements(Html + "td").Single().Value);
    }

    [Theory]
    [InlineData("2026-Q1", 3)]
    [InlineData("2026-H2", 6)]
    [InlineData("2026", 12)]
    public void TheChartHasOneBarPerReportingMonth(string period, int months)
    {
        var report = PeriodicReport.Compute(ReportPeriod.Parse(period), ReportFixture.Input());
        var (_, document) = Write(report);

        var svg = document.Descendants(Svg + "svg").Single();
        var bars = svg.Elements(Svg + "g").Where(g => g.Attribute("class")?.Value == "bar").ToList();
        Assert.Equal(months, bars.Count);
        Assert.Equal(report.Months.Select(m => m.Month.ToString()), bars.Select(b => b.Attribute("data-month")!.Value));
    }

    [Fact]
    public void ABarIsAsTallAsItsMonthsVolume()
    {
        var (_, document) = Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input()));
        var heights = document.Descendants(Svg + "g")
            .Where(g => g.Attribute("class")?.Value == "bar")
            .Select(g => g.Elements(Svg + "rect").Sum(r => double.Parse(r.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        // Volumes 4, 5 and 4: the tallest bar fills the plot (200 units), the others 4/5 of it.
        Assert.Equal(160, heights[0], 1);
        Assert.Equal(200, heights[1], 1);
        Assert.Equal(160, heights[2], 1);
    }

    [Fact]
    public void EnglishIsNotRepeatedWhenItIsOneOfTheTwoLanguages()
    {
        var (_, document) = Write(PeriodicReport.Compute(ReportFixture.Q1, ReportFixture.Input()), ReportLanguage.Chinese, ReportLanguage.English);
        Assert.Equal("zh-Hans", document.Root!.Attribute("lang")!.Value);
        Assert.Equal(["zh-Hans", "en"], document.Descendants(Html + "h1").Single().Elements(Html + "span").Select(s => s.Attribute("lang")!.Value).ToArray());
    }

    [Fact]
    public void AnEmptyReportStillRendersWithDashesForMissingFigures()
    {
        var (_, document) = Write(PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], [])));
        Assert.Contains(document.Descendants(Html + "td"), td => td.Value == "—");
    }

    [Fact]
    public void TheTwoLanguagesMustDiffer() =>
        Assert.Throws<ArgumentException>(() => Write(PeriodicReport.Compute(ReportFixture.Q1, new ReportInput([], [], [])), ReportLanguage.Vietnamese, ReportLanguage.Vietnamese));
}
