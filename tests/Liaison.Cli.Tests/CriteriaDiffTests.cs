namespace Liaison.Cli.Tests;

/// <summary><c>liaison criteria diff</c> on catalogue files.</summary>
public sealed class CriteriaDiffTests
{
    private const string Before = """
        { "version": 1, "effectiveFrom": { "year": 2026, "month": 7, "day": 1 }, "indicators": [
          { "code": "REC-01", "category": "INDICATOR_CATEGORY_RECRUITMENT", "textVi": "Hứa hẹn việc làm", "textZh": "承诺工作", "textEn": "Promise of a job" },
          { "code": "CTL-01", "category": "INDICATOR_CATEGORY_CONTROL", "textVi": "Bị giữ giấy tờ", "textZh": "证件被扣押", "textEn": "Documents withheld" } ] }
        """;

    private const string After = """
        { "version": 2, "effectiveFrom": { "year": 2027, "month": 1, "day": 1 }, "indicators": [
          { "code": "REC-01", "category": "INDICATOR_CATEGORY_RECRUITMENT", "textVi": "Hứa hẹn việc làm lương cao", "textZh": "承诺高薪工作", "textEn": "Promise of a well-paid job" },
          { "code": "MIN-01", "category": "INDICATOR_CATEGORY_MINORS", "textVi": "Trẻ em không có người thân đi cùng", "textZh": "无亲属陪同的儿童", "textEn": "Child without a relative" } ] }
        """;

    [Fact]
    public void TheDiffListsAddedRemovedAndChangedIndicatorsWithBothDigests()
    {
        using var workspace = new Workspace();
        File.WriteAllText(workspace.PathOf("v1.json"), Before);
        File.WriteAllText(workspace.PathOf("v2.json"), After);

        var result = workspace.Run("criteria", "diff", workspace.PathOf("v1.json"), workspace.PathOf("v2.json"));

        result.AssertSuccess();
        Assert.Contains("Criteria version 1 -> 2", result.Out, StringComparison.Ordinal);
        Assert.Contains("+ MIN-01 [Minors] Child without a relative", result.Out, StringComparison.Ordinal);
        Assert.Contains("- CTL-01 [Control] Documents withheld", result.Out, StringComparison.Ordinal);
        Assert.Contains("~ REC-01", result.Out, StringComparison.Ordinal);
        Assert.Contains("en: Promise of a job -> Promise of a well-paid job", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("category:", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, result.Out.Split('\n').Count(l => l.Contains("Digest", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheSameCatalogueTwiceHasNoChanges()
    {
        using var workspace = new Workspace();
        File.WriteAllText(workspace.PathOf("v1.json"), Before);

        var result = workspace.Run("criteria", "diff", workspace.PathOf("v1.json"), workspace.PathOf("v1.json"));

        result.AssertSuccess();
        Assert.Contains("No indicator changed.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotACatalogueIsRefusedWithItsName()
    {
        using var workspace = new Workspace();
        File.WriteAllText(workspace.PathOf("v1.json"), Before);
        File.WriteAllText(workspace.PathOf("bad.json"), "{ \"versoin\": 1 }");

        var result = workspace.Run("criteria", "diff", workspace.PathOf("v1.json"), workspace.PathOf("bad.json"));

        result.AssertRefused("bad.json' is not a valid CriteriaCatalogue");
    }
}
