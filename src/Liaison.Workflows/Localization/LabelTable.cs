using System.Collections.Frozen;
using Liaison.Workflow.V1;
using Liaison.Workflows.Alerts;
using Liaison.Workflows.Criteria;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Verification;

namespace Liaison.Workflows.Localization;

/// <summary>
/// Every workflow enum value in Vietnamese, simplified Chinese and English:
/// the generated proto enums (all but UNSPECIFIED) and the hand-written
/// status enums of the state machines (every value). A convention test fails
/// when either gains a value without its three labels here.
/// </summary>
internal static class LabelTable
{
    public static readonly FrozenDictionary<Enum, Label> Entries = new Dictionary<Enum, Label>
    {
        [Party.Initiator] = new("Bên khởi xướng", "发起方", "Initiating side"),
        [Party.Responder] = new("Bên phúc đáp", "答复方", "Responding side"),

        [Urgency.Routine] = new("Thông thường", "常规", "Routine"),
        [Urgency.Priority] = new("Ưu tiên", "优先", "Priority"),
        [Urgency.Immediate] = new("Khẩn cấp", "紧急", "Immediate"),

        [HandlingCode.H0] = new("H0 – Không hạn chế", "H0 – 无限制", "H0 – No restriction"),
        [HandlingCode.H1] = new("H1 – Không được sử dụng tại tòa án khi chưa được phép", "H1 – 未经许可不得在法庭上使用", "H1 – Not for use in court without permission"),
        [HandlingCode.H2] = new("H2 – Không được chuyển cho bên thứ ba khi chưa được bên cung cấp cho phép", "H2 – 未经提供方许可不得转交第三方", "H2 – Not to be passed on without the provider's permission"),
        [HandlingCode.H3] = new("H3 – Hạn chế khác (đã nêu rõ)", "H3 – 其他限制（已注明）", "H3 – Other restrictions (stated)"),

        [SourceReliability.A] = new("A – Hoàn toàn tin cậy", "A – 完全可靠", "A – Completely reliable"),
        [SourceReliability.B] = new("B – Thường tin cậy", "B – 通常可靠", "B – Usually reliable"),
        [SourceReliability.C] = new("C – Thường không tin cậy", "C – 通常不可靠", "C – Usually not reliable"),
        [SourceReliability.X] = new("X – Không thể đánh giá", "X – 无法评估", "X – Cannot be assessed"),

        [InformationAccuracy._1] = new("1 – Xác thực, không nghi ngờ", "1 – 确实无疑", "1 – Known to be true without reservation"),
        [InformationAccuracy._2] = new("2 – Nguồn biết trực tiếp", "2 – 信息源亲知", "2 – Known personally to the source"),
        [InformationAccuracy._3] = new("3 – Được thông tin khác xác nhận", "3 – 有其他信息佐证", "3 – Corroborated by other information"),
        [InformationAccuracy._4] = new("4 – Không thể xác nhận", "4 – 无法佐证", "4 – Cannot be corroborated"),

        [IndicatorCategory.Recruitment] = new("Tuyển mộ", "招募", "Recruitment"),
        [IndicatorCategory.Movement] = new("Di chuyển, đưa qua biên giới", "转移运送", "Movement"),
        [IndicatorCategory.Exploitation] = new("Bóc lột", "剥削", "Exploitation"),
        [IndicatorCategory.Control] = new("Kiểm soát, khống chế", "控制", "Control"),
        [IndicatorCategory.Minors] = new("Người chưa thành niên", "未成年人", "Minors"),
        [IndicatorCategory.Other] = new("Khác", "其他", "Other"),

        [NameScript.Vietnamese] = new("Tiếng Việt (có dấu)", "越南文（带声调符号）", "Vietnamese (with diacritics)"),
        [NameScript.Chinese] = new("Chữ Hán", "汉字", "Chinese characters"),
        [NameScript.Pinyin] = new("Bính âm", "拼音", "Pinyin"),
        [NameScript.OtherLatin] = new("Phiên âm Latinh khác", "其他拉丁字母转写", "Other Latin transcription"),

        [NameKind.Primary] = new("Tên chính", "正式姓名", "Primary name"),
        [NameKind.Alias] = new("Tên gọi khác", "别名", "Alias"),

        [Sex.Female] = new("Nữ", "女", "Female"),
        [Sex.Male] = new("Nam", "男", "Male"),
        [Sex.NotKnown] = new("Không rõ", "不详", "Not known"),

        [DocumentKind.Passport] = new("Hộ chiếu", "护照", "Passport"),
        [DocumentKind.NationalIdCard] = new("Căn cước công dân", "居民身份证", "National identity card"),
        [DocumentKind.BorderPass] = new("Giấy thông hành biên giới", "边境通行证", "Border pass"),
        [DocumentKind.BirthCertificate] = new("Giấy khai sinh", "出生证明", "Birth certificate"),
        [DocumentKind.ResidenceRegistration] = new("Giấy tờ cư trú", "户籍或居住登记证明", "Residence registration"),
        [DocumentKind.Other] = new("Giấy tờ khác", "其他证件", "Other document"),

        [InformationSource.PersonStatement] = new("Lời khai của người được xác minh", "本人陈述", "The person's own statement"),
        [InformationSource.FamilyReport] = new("Tin báo của gia đình", "家属报告", "Family report"),
        [InformationSource.Hotline] = new("Đường dây nóng", "热线", "Hotline"),
        [InformationSource.LawEnforcement] = new("Lực lượng thực thi pháp luật", "执法部门", "Law enforcement"),
        [InformationSource.SupportOrganisation] = new("Tổ chức hỗ trợ", "援助机构", "Support organisation"),
        [InformationSource.Other] = new("Nguồn khác", "其他来源", "Other source"),

        [VerificationOutcome.Confirmed] = new("Đã xác minh được nhân thân", "身份已确认", "Identity confirmed"),
        [VerificationOutcome.NotFound] = new("Không tìm thấy", "查无此人", "Not found"),
        [VerificationOutcome.PartialMatch] = new("Trùng khớp một phần", "部分匹配", "Partial match"),
        [VerificationOutcome.MoreInformationNeeded] = new("Cần bổ sung thông tin", "需要补充信息", "More information needed"),

        [VictimDetermination.Victim] = new("Là nạn nhân", "是被害人", "Victim"),
        [VictimDetermination.NotVictim] = new("Không phải nạn nhân", "不是被害人", "Not a victim"),
        [VictimDetermination.Undetermined] = new("Chưa xác định", "尚未认定", "Undetermined"),

        [RollCallPresence.Present] = new("Có mặt", "在场", "Present"),
        [RollCallPresence.Missing] = new("Vắng mặt", "缺席", "Missing"),

        [ReminderDeadline.Verification] = new("Thời hạn xác minh", "核查期限", "Verification deadline"),
        [ReminderDeadline.Identification] = new("Thời hạn xác định nạn nhân", "被害人认定期限", "Identification deadline"),

        [VerificationStatus.Requested] = new("Đã gửi yêu cầu xác minh", "已发出核查请求", "Requested"),
        [VerificationStatus.MoreInformationNeeded] = new("Cần bổ sung thông tin", "需要补充信息", "More information needed"),
        [VerificationStatus.InformationSupplied] = new("Đã bổ sung thông tin", "已补充信息", "Information supplied"),
        [VerificationStatus.Answered] = new("Đã trả lời", "已答复", "Answered"),
        [VerificationStatus.Withdrawn] = new("Đã rút yêu cầu", "已撤回", "Withdrawn"),

        [CriteriaStatus.Proposed] = new("Đã đề xuất", "已提出", "Proposed"),
        [CriteriaStatus.CounterProposed] = new("Đã đề xuất lại", "已提出反提案", "Counter-proposed"),
        [CriteriaStatus.Agreed] = new("Đã thống nhất", "已商定", "Agreed"),
        [CriteriaStatus.Rejected] = new("Đã bác bỏ", "已拒绝", "Rejected"),

        [HandoverStatus.Proposed] = new("Đã đề xuất kế hoạch", "已提出计划", "Proposed"),
        [HandoverStatus.CounterProposed] = new("Đã đề xuất lại kế hoạch", "已提出反提案", "Counter-proposed"),
        [HandoverStatus.Accepted] = new("Đã chấp nhận kế hoạch", "已接受计划", "Accepted"),
        [HandoverStatus.Confirmed] = new("Đã xác nhận kế hoạch", "已确认计划", "Confirmed"),
        [HandoverStatus.RollCalled] = new("Đã điểm danh tại cửa khẩu", "已在口岸点名", "Roll-called"),
        [HandoverStatus.Signing] = new("Đang ký biên bản bàn giao", "正在签署交接记录", "Signing the record"),
        [HandoverStatus.Completed] = new("Đã hoàn thành bàn giao", "交接已完成", "Completed"),
        [HandoverStatus.Declined] = new("Đã từ chối", "已谢绝", "Declined"),
        [HandoverStatus.Cancelled] = new("Đã hủy", "已取消", "Cancelled"),

        [AlertStatus.Raised] = new("Đã phát cảnh báo", "已发出警报", "Raised"),
        [AlertStatus.Escalated] = new("Đã báo cáo lên cấp trên", "已上报主管", "Escalated to supervisors"),
        [AlertStatus.Acknowledged] = new("Đã xác nhận tiếp nhận", "已确认收到", "Acknowledged"),
        [AlertStatus.Closed] = new("Đã đóng", "已关闭", "Closed"),
    }.ToFrozenDictionary();
}
