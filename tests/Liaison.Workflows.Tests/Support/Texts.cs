using Liaison.Workflow.V1;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Short-hands for LocalizedText. All data in these tests is synthetic.</summary>
public static class Texts
{
    public static LocalizedText Vi(string text) => new() { Language = "vi", Text = text };

    public static LocalizedText Zh(string text) => new() { Language = "zh-Hans", Text = text };

    public static LocalizedText En(string text) => new() { Language = "en", Text = text };
}
