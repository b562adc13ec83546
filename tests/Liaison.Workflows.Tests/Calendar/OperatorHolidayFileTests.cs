using System.Text;
using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Tests.Calendar;

public sealed class OperatorHolidayFileTests
{
    private const string Official2027 = """
        {
          "schema": "liaison-holidays/1",
          "countries": [
            {
              "country": "CN",
              "years": [
                {
                  "year": 2027,
                  "status": "official",
                  "source": "Operator test notice",
                  "holidays": [
                    { "date": "2027-02-05", "name": "春节", "englishName": "Spring Festival" },
                    { "date": "2027-02-08", "name": "春节", "englishName": "Spring Festival" }
                  ],
                  "makeUpWorkingDays": [
                    { "date": "2027-02-20", "name": "春节调休上班", "englishName": "Make-up working day" }
                  ]
                }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void AValidOperatorFileReplacesAWholeYearOfTheBuiltInData()
    {
        var data = HolidayData.BuiltIn.With(HolidayData.Read(new MemoryStream(Encoding.UTF8.GetBytes(Official2027)), "cn-2027.json"));
        var china = data.CalendarFor(Country.China);

        Assert.False(china.IsProvisional(2027));
        Assert.True(china.IsWorkingDay(new DateOnly(2027, 2, 20))); // the operator's make-up Saturday
        Assert.True(china.IsWorkingDay(new DateOnly(2027, 10, 1))); // the provisional National Day is gone with its year
        Assert.False(data.CalendarFor(Country.Vietnam).IsWorkingDay(new DateOnly(2027, 2, 8))); // Vietnam untouched
    }

    [Fact]
    public void AnInvalidFileIsRejectedWithEveryProblemAndWhereItIs()
    {
        const string json = """
            {
              "schema": "liaison-holidays/1",
              "countries": [
                {
                  "country": "VN",
                  "years": [
                    {
                      "year": 2026,
                      "status": "official",
                      "source": "test",
                      "holidays": [
                        { "date": "2026-02-30", "name": "Tết", "englishName": "Tet" },
                        { "date": "2026-02-17", "name": "Tết", "englishName": "Tet" },
                        { "date": "2026-02-17", "name": "Tết", "englishName": "Tet" },
                        { "date": "2025-12-31", "name": "Cuối năm", "englishName": "Year end" },
                        { "date": "2026-02-14", "name": "Tết", "englishName": "Tet" }
                      ],
                      "makeUpWorkingDays": [
                        { "date": "2026-02-14", "name": "Làm bù", "englishName": "Make-up" },
                        { "date": "2026-02-12", "name": "Làm bù", "englishName": "Make-up" }
                      ],
                      "makeupWorkingDays": []
                    }
                  ]
                }
              ]
            }
            """;

        var error = Assert.Throws<HolidayDataException>(() => HolidayData.Parse(json, "operator.json"));

        Assert.Contains("operator.json", error.Message, StringComparison.Ordinal);
        Assert.Collection(error.Errors.Order(StringComparer.Ordinal),
            e => Assert.Equal("countries[0].years[0].holidays: 2026-02-17 is listed 2 times as a holiday.", e),
            e => Assert.Equal("countries[0].years[0].holidays[0].date: '2026-02-30' is not a date; write it as yyyy-MM-dd (for example 2026-02-17).", e),
            e => Assert.Equal("countries[0].years[0].holidays[3].date: 2025-12-31 is not in 2026; list it under its own year.", e),
            e => Assert.Equal("countries[0].years[0].makeUpWorkingDays[1].date: 2026-02-12 is a Thursday, already a working day; a make-up working day must be a Saturday or Sunday.", e),
            e => Assert.StartsWith("countries[0].years[0].makeupWorkingDays: unknown property", e, StringComparison.Ordinal),
            e => Assert.Equal("countries[0].years[0]: 2026-02-14 is both a holiday and a make-up working day.", e));
    }

    [Theory]
    [InlineData("""{ "schema": "liaison-holidays/2", "countries": [] }""", "schema: 'liaison-holidays/2' is not supported")]
    [InlineData("""{ "schema": "liaison-holidays/1", "countries": [ { "country": "LA", "years": [] } ] }""", "countries[0].country: 'LA' is not a supported country")]
    [InlineData("""{ "schema": "liaison-holidays/1", "countries": [ { "country": "CN", "years": [] }, { "country": "CN", "years": [] } ] }""", "countries[1].country: CN appears more than once")]
    [InlineData("""{ "schema": "liaison-holidays/1", "countries": [ { "country": "CN", "years": [ { "year": 2026, "status": "draft", "source": "x", "holidays": [], "makeUpWorkingDays": [] } ] } ] }""", "countries[0].years[0].status: 'draft' is not a status")]
    [InlineData("""{ "schema": "liaison-holidays/1", "countries": [ { "country": "CN", "years": [ { "year": 2026, "status": "official", "source": "x", "holidays": [ { "date": "2026-01-01", "name": "", "englishName": "x" } ], "makeUpWorkingDays": [] } ] } ] }""", "countries[0].years[0].holidays[0].name: expected a non-empty string.")]
    public void EachRuleHasItsOwnMessage(string json, string expected)
    {
        var error = Assert.Throws<HolidayDataException>(() => HolidayData.Parse(json, "operator.json"));
        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AFileThatIsNotJsonSaysWhere()
    {
        var error = Assert.Throws<HolidayDataException>(() => HolidayData.Parse("{\n  \"schema\": ,\n}", "broken.json"));
        Assert.Contains("'broken.json' is not valid JSON (line 2", error.Message, StringComparison.Ordinal);
    }
}
