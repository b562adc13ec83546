using System.Collections.Frozen;
using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Handover;

/// <summary>The headings of the printable handover record in Vietnamese, Chinese and English.</summary>
public static class HandoverRecordLabels
{
    private static readonly FrozenDictionary<string, (string Vi, string Zh, string En)> Entries = new Dictionary<string, (string, string, string)>
    {
        ["title"] = ("Biên bản bàn giao nạn nhân", "受害人交接记录", "Victim handover record"),
        ["not_completed"] = ("CHƯA HOÀN THÀNH: biên bản chưa được cả hai bên ký", "未完成：记录尚未经双方签署", "NOT COMPLETED: the record is not yet signed by both sides"),
        ["handover"] = ("Bàn giao", "交接", "Handover"),
        ["workflow"] = ("Mã hồ sơ bàn giao", "交接编号", "Handover id"),
        ["gate"] = ("Cửa khẩu", "口岸", "Border gate"),
        ["time"] = ("Thời điểm bàn giao", "交接时间", "Handed over at"),
        ["digest"] = ("Mã băm biên bản (SHA-256)", "记录摘要 (SHA-256)", "Record digest (SHA-256)"),
        ["people"] = ("Người được bàn giao", "被交接人员", "People handed over"),
        ["person"] = ("Người", "人员", "Person"),
        ["names"] = ("Họ tên", "姓名", "Names"),
        ["sex"] = ("Giới tính", "性别", "Sex"),
        ["birth_year"] = ("Năm sinh", "出生年份", "Year of birth"),
        ["accompanies"] = ("Đi cùng", "随同", "Accompanies"),
        ["children"] = ("Trẻ em đi cùng", "随行儿童", "Accompanying children"),
        ["documents"] = ("Giấy tờ", "证件", "Documents"),
        ["document"] = ("Loại giấy tờ", "证件类型", "Document"),
        ["number"] = ("Số", "号码", "Number"),
        ["issued_by"] = ("Nơi cấp", "签发国", "Issued by"),
        ["belongings"] = ("Tư trang", "随身物品", "Belongings"),
        ["description"] = ("Mô tả", "描述", "Description"),
        ["quantity"] = ("Số lượng", "数量", "Quantity"),
        ["escorts"] = ("Cán bộ áp giải", "护送人员", "Escorts"),
        ["officer"] = ("Cán bộ", "民警", "Officer"),
        ["side"] = ("Bên", "方", "Side"),
        ["role"] = ("Vai trò", "职责", "Role"),
        ["interpreter"] = ("Phiên dịch", "翻译", "Interpreter"),
        ["signatures"] = ("Chữ ký của hai bên", "双方签字", "Signatures of both sides"),
        ["node"] = ("Cổng liên lạc", "网关节点", "Gateway node"),
        ["key"] = ("Khóa", "密钥", "Key"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every heading key, for the convention test.</summary>
    public static IEnumerable<string> Keys => Entries.Keys;

    public static string Of(string key, Language language)
    {
        var entry = Entries[key];
        return language switch
        {
            Language.Vi => entry.Vi,
            Language.Zh => entry.Zh,
            _ => entry.En,
        };
    }
}
