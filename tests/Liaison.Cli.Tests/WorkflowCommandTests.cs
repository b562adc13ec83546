using Google.Protobuf;
using Liaison.Cli.Commands;
using Liaison.Workflow.V1;
using Liaison.Workflows.Localization;

namespace Liaison.Cli.Tests;

/// <summary>The workflow, case and report commands: their command lines, their errors and the example step files.</summary>
public sealed class WorkflowCommandTests
{
    private const string Gateway = "https://127.0.0.1:9";

    [Theory]
    [InlineData("'fr' is not a language: use vi, zh or en.", "--lang", "fr", "workflow", "show", "vr-1", "--gateway", Gateway)]
    [InlineData("'fr' is not a language: use vi, zh or en.", "workflow", "show", "vr-1", "--gateway", Gateway, "--lang", "fr")]
    [InlineData("'2026-Q5' is not a period", "report", "--gateway", Gateway, "--period", "2026-Q5")]
    [InlineData("'Q4-2026' is not a period", "report", "--gateway", Gateway, "--period", "Q4-2026")]
    [InlineData("'pdf' is not a report format: use csv or html.", "report", "--gateway", Gateway, "--period", "2026-Q4", "--format", "pdf")]
    [InlineData("Option '--period' is required.", "report", "--gateway", Gateway)]
    [InlineData("Option '--file' is required.", "workflow", "step", "--gateway", Gateway, "--to", "cn-yunnan")]
    [InlineData("'CN-YUNNAN' is not a node id", "workflow", "step", "--gateway", Gateway, "--to", "CN-YUNNAN", "--file", "step.json")]
    [InlineData("'ftp://x' is not a gateway address", "case", "show", "LC-2026-0042", "--gateway", "ftp://x")]
    public void CommandLineMistakeIsAUsageError(string expected, params string[] args)
    {
        using var workspace = new Workspace();

        var result = workspace.Run(args);

        result.AssertUsageError(expected);
        Assert.Contains("--help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"workflowId\": ")]
    [InlineData("{ \"workflowId\": \"vr-1\", \"verificationRequest\": { \"sexx\": \"SEX_FEMALE\" } }")]
    [InlineData("[1, 2]")]
    public void AMalformedStepFileIsAOneSentenceUsageError(string json)
    {
        using var workspace = new Workspace();
        var file = workspace.PathOf("step.json");
        File.WriteAllText(file, json);

        var result = workspace.Run("workflow", "step", "--gateway", Gateway, "--to", "vn-laocai", "--request-id", "r-1", "--file", file);

        result.AssertUsageError($"error: '{file}' is not a WorkflowEvent in protobuf JSON (");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith(").", lines[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("Run 'liaison workflow step --help' for usage.", lines[1].TrimEnd());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void AMissingStepFileIsAUsageError()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("workflow", "step", "--gateway", Gateway, "--to", "vn-laocai", "--file", workspace.PathOf("missing.json"));

        result.AssertUsageError("missing.json' cannot be read (");
    }

    [Fact]
    public void AnUnreachableGatewayIsRefused()
    {
        using var workspace = new Workspace();

        var result = workspace.Run("workflow", "show", "vr-1", "--gateway", "http://127.0.0.1:9");

        result.AssertRefused("The gateway cannot be reached (UNAVAILABLE)");
    }

    [Theory]
    [InlineData(null, null, Language.En)]
    [InlineData("vi_VN.UTF-8", null, Language.Vi)]
    [InlineData("zh_CN.UTF-8", null, Language.Zh)]
    [InlineData("fr_FR.UTF-8", null, Language.En)]
    [InlineData("vi_VN.UTF-8", "zh_CN.UTF-8", Language.Zh)]
    [InlineData("zh_CN.UTF-8", "C", Language.En)]
    public void TheDefaultLanguageComesFromLcAllThenLang(string? lang, string? lcAll, Language expected)
    {
        var environment = new Dictionary<string, string?> { ["LANG"] = lang, ["LC_ALL"] = lcAll };

        Assert.Equal(expected, LanguageOption.FromEnvironment(name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public void HelpListsTheWorkflowCommandsAndTheLanguageOption()
    {
        using var workspace = new Workspace();

        var workflow = workspace.Run("workflow", "--help");
        var report = workspace.Run("report", "--help");

        workflow.AssertSuccess();
        Assert.Contains("step", workflow.Out, StringComparison.Ordinal);
        Assert.Contains("show", workflow.Out, StringComparison.Ordinal);
        report.AssertSuccess();
        Assert.Contains("--lang", report.Out, StringComparison.Ordinal);
        Assert.Contains("--period", report.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verification-request.json", WorkflowEvent.EventOneofCase.VerificationRequest)]
    [InlineData("alert-raise.json", WorkflowEvent.EventOneofCase.AlertRaise)]
    public void TheExampleStepFilesParse(string name, WorkflowEvent.EventOneofCase expected)
    {
        var step = JsonParser.Default.Parse<WorkflowEvent>(File.ReadAllText(ExampleFile(name)));

        Assert.Equal(expected, step.EventCase);
        Assert.NotEmpty(step.WorkflowId);
    }

    /// <summary>A file of deploy/examples/workflow, found from the test's output directory up to the repository.</summary>
    internal static string ExampleFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "deploy", "examples", "workflow", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"deploy/examples/workflow/{name} is not above {AppContext.BaseDirectory}.");
    }
}
