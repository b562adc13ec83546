using System.Collections.Frozen;

namespace Liaison.Workflows.Reports.Internal;

/// <summary>The labels of every stable metric name, as (Vietnamese, Chinese, English).</summary>
internal static class LabelTable
{
    // Declared first: static fields initialise in textual order, and Labels is built from this list.
    internal static readonly (string Key, string Vi, string Zh, string En)[] Outcomes =
    [
        ("confirmed", "Xác nhận đúng danh tính", "身份确认", "Identity confirmed"),
        ("not_found", "Không tìm thấy", "查无此人", "Not found"),
        ("partial_match", "Trùng khớp một phần", "部分匹配", "Partial match"),
        ("more_information_needed", "Cần bổ sung thông tin", "需补充信息", "More information needed"),
        ("unanswered", "Chưa trả lời", "未答复", "Unanswered"),
    ];

    public static readonly FrozenDictionary<string, (string Vi, string Zh, string En)> Labels = Build().ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly (string Vi, string Zh, string En) Title =
        ("Báo cáo định kỳ công tác liên lạc phòng, chống mua bán người", "打击拐卖人口联络工作定期报告", "Periodic report on anti-trafficking liaison");

    public static readonly (string Vi, string Zh, string En) Figures = ("Số liệu", "数据", "Figures");

    public static readonly (string Vi, string Zh, string En) MonthlyVolumes = ("Số lượng theo tháng", "月度数量", "Monthly volumes");

    public static readonly (string Vi, string Zh, string En) Month = ("Tháng báo cáo", "报告月份", "Reporting month");

    public static readonly (string Vi, string Zh, string En) NoPersonalData =
        ("Báo cáo chỉ gồm số liệu tổng hợp, không chứa dữ liệu cá nhân.", "本报告仅含汇总数字，不含任何个人信息。", "This report holds counts only, no personal data.");

    public static readonly (string Vi, string Zh, string En) MonthlyRequestsSent = ("Yêu cầu đã gửi", "已发送请求", "Requests sent");

    public static readonly (string Vi, string Zh, string En) MonthlyRequestsReceived = ("Yêu cầu đã nhận", "已收到请求", "Requests received");

    public static readonly (string Vi, string Zh, string En) MonthlyAlertsRaised = ("Cảnh báo", "警报", "Alerts raised");

    private static IEnumerable<KeyValuePair<string, (string, string, string)>> Build()
    {
        static KeyValuePair<string, (string, string, string)> L(string key, string vi, string zh, string en) => new(key, (vi, zh, en));

        yield return L("period", "Kỳ báo cáo", "报告期", "Reporting period");
        yield return L("period.start", "Ngày đầu kỳ", "起始日期", "Period start");
        yield return L("period.end_exclusive", "Ngày sau ngày cuối kỳ", "截止日期（不含当日）", "Period end (exclusive)");
        yield return L("period.due_before", "Hạn gửi báo cáo (trước ngày)", "报送期限（此日之前）", "Report due before");
        yield return L("requests.sent", "Yêu cầu xác minh đã gửi", "已发送的核查请求", "Verification requests sent");
        yield return L("requests.received", "Yêu cầu xác minh đã nhận", "已收到的核查请求", "Verification requests received");
        foreach (var (direction, vi, zh, en) in new[] { ("sent", "đã gửi", "已发送", "sent"), ("received", "đã nhận", "已收到", "received") })
        {
            yield return L($"requests.{direction}.due_in_period", $"Yêu cầu {vi} đến hạn trong kỳ", $"本期到期的{zh}请求", $"Requests {en} due in the period");
            yield return L($"requests.{direction}.answered_within_deadline", $"Yêu cầu {vi} được trả lời đúng hạn", $"按期答复的{zh}请求", $"Requests {en} answered within the deadline");
            yield return L($"requests.{direction}.answered_within_deadline_share", $"Tỷ lệ trả lời đúng hạn (yêu cầu {vi})", $"按期答复率（{zh}请求）", $"Share answered within the deadline (requests {en})");
            yield return L($"requests.{direction}.identification_due_in_period", $"Yêu cầu {vi} đến hạn xác định nạn nhân trong kỳ", $"本期被害人认定到期的{zh}请求", $"Requests {en} due for victim identification in the period");
            yield return L($"requests.{direction}.identified", $"Yêu cầu {vi} đã hoàn thành xác định nạn nhân", $"已完成被害人认定的{zh}请求", $"Requests {en} with victim identification completed");
            yield return L($"requests.{direction}.identified_within_deadline", $"Yêu cầu {vi} hoàn thành xác định nạn nhân đúng hạn", $"按期完成被害人认定的{zh}请求", $"Requests {en} identified within the deadline");
            yield return L($"requests.{direction}.identified_within_deadline_share", $"Tỷ lệ hoàn thành xác định nạn nhân đúng hạn (yêu cầu {vi})", $"按期认定率（{zh}请求）", $"Share identified within the deadline (requests {en})");
            foreach (var (outcome, ovi, ozh, oen) in Outcomes)
            {
                yield return L($"requests.{direction}.outcome.{outcome}", $"{ovi} (yêu cầu {vi})", $"{ozh}（{zh}请求）", $"{oen} (requests {en})");
            }
        }

        yield return L("victims.identified", "Số nạn nhân được xác định", "认定的被害人人数", "Victims identified");
        yield return L("handovers.completed", "Số cuộc bàn giao đã hoàn thành", "完成的移交次数", "Handovers completed");
        yield return L("alerts.raised", "Cảnh báo qua đường dây nóng", "热线警报", "Hotline alerts raised");
        yield return L("alerts.acknowledged", "Cảnh báo đã được xác nhận", "已确认的警报", "Alerts acknowledged");
        yield return L("alerts.acknowledgement_median_seconds", "Thời gian xác nhận cảnh báo, trung vị (giây)", "警报确认用时中位数（秒）", "Alert acknowledgement time, median (seconds)");
        yield return L("alerts.acknowledgement_p90_seconds", "Thời gian xác nhận cảnh báo, phân vị 90 (giây)", "警报确认用时第90百分位数（秒）", "Alert acknowledgement time, 90th percentile (seconds)");
    }


    public static string Pick((string Vi, string Zh, string En) label, ReportLanguage language) => language switch
    {
        ReportLanguage.Vietnamese => label.Vi,
        ReportLanguage.Chinese => label.Zh,
        ReportLanguage.English => label.En,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };
}
