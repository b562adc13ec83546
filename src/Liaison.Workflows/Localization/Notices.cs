using System.Globalization;
using Liaison.Workflow.V1;
using Liaison.Workflows.Calendar;

namespace Liaison.Workflows.Localization;

/// <summary>
/// The sentences the gateway itself writes into the steps it takes (deadline reminders, escalations), in
/// Vietnamese with diacritics, simplified Chinese and English. They say what the step's fields say and
/// nothing else: no personal data, no free text of anyone's. Pure and thread-safe.
/// </summary>
public static class Notices
{
    /// <summary>A deadline reminder or overdue notice, e.g. "Reminder: 5 working days left until the verification deadline of this request."</summary>
    public static string Reminder(Reminder reminder, Language language)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var label = Labels.Of(reminder.Deadline switch
        {
            DeadlineKind.Verification => ReminderDeadline.Verification,
            DeadlineKind.Identification => ReminderDeadline.Identification,
            var other => throw new ArgumentOutOfRangeException(nameof(reminder), other, "Unknown deadline."),
        }, language);
        var days = reminder.WorkingDaysBefore;
        return (reminder.IsOverdueNotice, language) switch
        {
            (true, Language.Vi) => $"Quá hạn: {Lower(label)} của yêu cầu này đã hết.",
            (true, Language.Zh) => $"已逾期：本请求的{label}已届满。",
            (true, _) => $"Overdue: the {Lower(label)} of this request has passed.",
            (false, Language.Vi) => Invariant($"Nhắc hạn: còn {days} ngày làm việc đến hết {Lower(label)} của yêu cầu này."),
            (false, Language.Zh) => Invariant($"期限提醒：距本请求的{label}届满还有{days}个工作日。"),
            (false, _) => Invariant($"Reminder: {days} working day{(days == 1 ? "" : "s")} left until the {Lower(label)} of this request."),
        };
    }

    /// <summary>Why an alert was resent to the supervisors, e.g. "... resent to supervisors (level 2)."</summary>
    public static string Escalation(uint level, Language language) => language switch
    {
        Language.Vi => Invariant($"Không được xác nhận trong thời hạn xác nhận; đã gửi lại và báo cáo lên cấp trên (cấp {level})."),
        Language.Zh => Invariant($"未在确认时限内确认；已重新发送并上报主管（第{level}级）。"),
        _ => Invariant($"Not acknowledged within the acknowledgement window; resent to supervisors (level {level})."),
    };

    private static string Lower(string label) => label.ToLower(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
