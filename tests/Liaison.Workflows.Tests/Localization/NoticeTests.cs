using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Verification;

namespace Liaison.Workflows.Tests.Localization;

/// <summary>The gateway's own notices (reminders, escalations): every one in Vietnamese, simplified Chinese and English, tagged.</summary>
public class NoticeTests
{
    public static TheoryData<string> Reminders() =>
    [
        "verification-5", "verification-1", "verification-overdue", "identification-5", "identification-1", "identification-overdue",
    ];

    private static Reminder Parse(string name)
    {
        var parts = name.Split('-');
        var deadline = parts[0] == "verification" ? DeadlineKind.Verification : DeadlineKind.Identification;
        return parts[1] == "overdue" ? Reminder.Overdue(deadline) : Reminder.Before(deadline, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Reminders))]
    public void AReminderStepCarriesItsNoticeInVietnameseChineseAndEnglishWithLanguageTags(string name)
    {
        var reminder = Parse(name);

        var texts = VerificationReminders.Step("vr-1", "gateway.system", reminder).VerificationReminder.Texts;

        Assert.Equal(["vi", "zh-Hans", "en"], texts.Select(t => t.Language));
        Assert.Equal([Notices.Reminder(reminder, Language.Vi), Notices.Reminder(reminder, Language.Zh), Notices.Reminder(reminder, Language.En)], texts.Select(t => t.Text));
        AssertScripts(texts);
    }

    [Fact]
    public void TheNoticesSayTheDeadlineAndTheWorkingDaysLeft()
    {
        Assert.Equal("Reminder: 5 working days left until the identification deadline of this request.",
            Notices.Reminder(Reminder.Before(DeadlineKind.Identification, 5), Language.En));
        Assert.Equal("Reminder: 1 working day left until the verification deadline of this request.",
            Notices.Reminder(Reminder.Before(DeadlineKind.Verification, 1), Language.En));
        Assert.Equal("Nhắc hạn: còn 5 ngày làm việc đến hết thời hạn xác định nạn nhân của yêu cầu này.",
            Notices.Reminder(Reminder.Before(DeadlineKind.Identification, 5), Language.Vi));
        Assert.Equal("期限提醒：距本请求的核查期限届满还有1个工作日。", Notices.Reminder(Reminder.Before(DeadlineKind.Verification, 1), Language.Zh));
        Assert.Equal("Quá hạn: thời hạn xác minh của yêu cầu này đã hết.", Notices.Reminder(Reminder.Overdue(DeadlineKind.Verification), Language.Vi));
        Assert.Equal("已逾期：本请求的被害人认定期限已届满。", Notices.Reminder(Reminder.Overdue(DeadlineKind.Identification), Language.Zh));
    }

    [Fact]
    public void AnEscalationNoticeExistsInEveryLanguageWithItsLevel()
    {
        var texts = LanguageTags.InEveryLanguage(language => Notices.Escalation(2, language)).ToList();

        Assert.Equal(["vi", "zh-Hans", "en"], texts.Select(t => t.Language));
        Assert.All(texts, t => Assert.Contains("2", t.Text, StringComparison.Ordinal));
        AssertScripts(texts);
    }

    /// <summary>Vietnamese with its diacritics, Chinese in simplified characters (none of the traditional forms of the characters used), English in ASCII.</summary>
    private static void AssertScripts(IEnumerable<LocalizedText> texts)
    {
        var byTag = texts.ToDictionary(t => t.Language, t => t.Text);
        Assert.Contains(byTag["vi"], c => "ạảãàáâầấậẫẩăằắặẵẳđêềếệễểôồốộỗổơờớợỡởưừứựữửịỉĩìíọỏõòóụủũùúỵỷỹỳý".Contains(c, StringComparison.Ordinal));
        Assert.Contains(byTag["zh-Hans"], c => c is >= '\u4e00' and <= '\u9fff');
        Assert.DoesNotContain(byTag["zh-Hans"], c => "請屆個認確時級報發並".Contains(c, StringComparison.Ordinal));
        Assert.All(byTag["en"], c => Assert.True(c < 128, $"'{c}' in the English text"));
        Assert.Equal(3, byTag.Values.Distinct().Count());
    }
}
