using Liaison.Workflows.Calendar;
using Liaison.Workflows.Handover;

namespace Liaison.Gateway.Workflows;

/// <summary>What the workflows use when Workflows:BorderGates is not configured (see <see cref="HandoverOptions"/>).</summary>
public static class WorkflowDefaults
{
    /// <summary>
    /// The border gates handovers may use: the Lao Cai–Hekou international gate (the railway and
    /// road bridges over the Nậm Thi) and the Kim Thanh international road gate, facing Hekou's
    /// Beishan port. Handover windows are read in Vietnamese time, as at both gates' Vietnamese side.
    /// </summary>
    public static IReadOnlyList<BorderGate> BorderGates { get; } =
    [
        new("VN-LAOCAI/CN-HEKOU", "Cửa khẩu quốc tế Lào Cai – Hà Khẩu", "老街—河口国际口岸", "Lao Cai–Hekou international border gate", LegalTimeZones.Vietnam),
        new("VN-KIMTHANH/CN-HEKOU", "Cửa khẩu quốc tế đường bộ Kim Thành – Bắc Sơn (Hà Khẩu)", "金成—河口北山国际公路口岸", "Kim Thanh–Hekou (Beishan) international road border gate", LegalTimeZones.Vietnam),
    ];
}
