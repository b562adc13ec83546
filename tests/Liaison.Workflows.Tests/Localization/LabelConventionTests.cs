using System.Reflection;
using Google.Protobuf.Reflection;
using Liaison.Workflow.V1;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Verification;

namespace Liaison.Workflows.Tests.Localization;

public class LabelConventionTests
{
    /// <summary>Every generated enum of workflow.proto and the files it imports (transitively), found by reflection.</summary>
    public static TheoryData<string> WorkflowEnums()
    {
        var files = new HashSet<FileDescriptor>();
        Collect(WorkflowReflection.Descriptor, files);
        return [.. files.SelectMany(f => f.EnumTypes.Concat(f.MessageTypes.SelectMany(Nested))).Select(e => e.ClrType.FullName!)];
    }

    private static void Collect(FileDescriptor file, HashSet<FileDescriptor> files)
    {
        if (!file.Package.StartsWith("liaison.workflow.", StringComparison.Ordinal) || !files.Add(file))
        {
            return;
        }
        foreach (var dependency in file.Dependencies)
        {
            Collect(dependency, files);
        }
    }

    private static IEnumerable<EnumDescriptor> Nested(MessageDescriptor message) =>
        message.EnumTypes.Concat(message.NestedTypes.SelectMany(Nested));

    [Fact]
    public void TheConventionSeesTheWorkflowEnums()
    {
        var names = ((IEnumerable<object[]>)WorkflowEnums()).Select(row => (string)row[0]).ToList();

        Assert.Contains(typeof(HandlingCode).FullName, names);
        Assert.Contains(typeof(RollCallPresence).FullName, names);
        Assert.Contains(typeof(IndicatorCategory).FullName, names);
        Assert.True(names.Count >= 14, $"only {names.Count} enums found");
    }

    [Theory]
    [MemberData(nameof(WorkflowEnums))]
    public void EveryValueButUnspecifiedHasALabelInVietnameseChineseAndEnglish(string enumTypeName)
    {
        var type = typeof(WorkflowEvent).Assembly.GetType(enumTypeName, throwOnError: true)!;
        var values = type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (Enum)f.GetValue(null)!);

        foreach (var value in values.Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0))
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                Assert.False(string.IsNullOrWhiteSpace(Labels.TryOf(value, language)), $"{type.Name}.{value} has no {language} label");
            }
            Assert.NotEqual(Labels.Of(value, Language.En), Labels.Of(value, Language.Vi));
            Assert.NotEqual(Labels.Of(value, Language.En), Labels.Of(value, Language.Zh));
        }
    }

    /// <summary>The hand-written status enums of the state machines, which officers see as a workflow's state.</summary>
    public static TheoryData<Type> StatusEnums() => [typeof(VerificationStatus), typeof(CriteriaStatus), typeof(HandoverStatus), typeof(AlertStatus)];

    [Fact]
    public void TheStatusEnumsAreEveryStatusEnumOfTheWorkflowsAssembly()
    {
        var statuses = typeof(VerificationStatus).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum && t.Name.EndsWith("Status", StringComparison.Ordinal) && t.Namespace != "Liaison.Workflows.Calendar")
            .ToHashSet();

        Assert.Equal(((IEnumerable<object[]>)StatusEnums()).Select(row => (Type)row[0]).ToHashSet(), statuses);
    }

    [Theory]
    [MemberData(nameof(StatusEnums))]
    public void EveryStatusHasADistinctLabelInVietnameseChineseAndEnglish(Type statusEnum)
    {
        foreach (var language in Enum.GetValues<Language>())
        {
            var labels = Enum.GetValues(statusEnum).Cast<Enum>().Select(v => Labels.TryOf(v, language)).ToList();

            Assert.All(labels, label => Assert.False(string.IsNullOrWhiteSpace(label), $"a {statusEnum.Name} value has no {language} label"));
            Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
        }

        foreach (var value in Enum.GetValues(statusEnum).Cast<Enum>())
        {
            Assert.NotEqual(Labels.Of(value, Language.En), Labels.Of(value, Language.Vi));
            Assert.NotEqual(Labels.Of(value, Language.En), Labels.Of(value, Language.Zh));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", Labels.Of(value, Language.Zh));
        }
    }

    [Fact]
    public void StatusLabelsKeepTheirDiacritics()
    {
        Assert.Equal("Đã xác nhận tiếp nhận", Labels.Of(AlertStatus.Acknowledged, Language.Vi));
        Assert.Equal("已上报主管", Labels.Of(AlertStatus.Escalated, Language.Zh));
        Assert.Equal("Withdrawn", Labels.Of(VerificationStatus.Withdrawn, Language.En));
    }

    [Fact]
    public void VietnameseLabelsKeepTheirDiacriticsAndChineseLabelsAreInChinese()
    {
        Assert.Equal("Khẩn cấp", Labels.Of(Urgency.Immediate, Language.Vi));
        Assert.Equal("紧急", Labels.Of(Urgency.Immediate, Language.Zh));
        Assert.Equal("Immediate", Labels.Of(Urgency.Immediate, Language.En));
    }

    [Fact]
    public void UnspecifiedHasNoLabel()
    {
        Assert.Null(Labels.TryOf(Urgency.Unspecified, Language.En));
        Assert.Throws<ArgumentException>(() => Labels.Of(Sex.Unspecified, Language.Vi));
    }
}
