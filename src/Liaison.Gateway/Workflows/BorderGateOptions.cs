namespace Liaison.Gateway.Workflows;

/// <summary>
/// One border gate of Workflows:BorderGates (see <see cref="HandoverOptions"/>). Mutable for
/// configuration binding only; <see cref="HandoverOptionsValidator"/> checks it at start-up.
/// </summary>
public sealed class BorderGateOptions
{
    /// <summary>The id plans and records carry, e.g. "VN-LAOCAI/CN-HEKOU": 1-64 of A-Za-z0-9/._-.</summary>
    public string Code { get; set; } = "";

    /// <summary>The Vietnamese name, e.g. "Cửa khẩu quốc tế Lào Cai – Hà Khẩu".</summary>
    public string NameVi { get; set; } = "";

    /// <summary>The Chinese name, e.g. "老街—河口国际口岸".</summary>
    public string NameZh { get; set; } = "";

    /// <summary>The English name, e.g. "Lao Cai–Hekou international border gate".</summary>
    public string NameEn { get; set; } = "";

    /// <summary>The IANA time zone the handover windows at this gate are read in: Asia/Ho_Chi_Minh (default) or Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
}
