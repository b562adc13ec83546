namespace Liaison.Gateway.Security;

/// <summary>Need-to-know settings (section "Access"; see deploy/access-control.md).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// The unit of this side that receives the partner's requests: every case the partner
    /// opens (its messages carry the partner's case references) belongs to it, e.g.
    /// "blo-intake". Defaults to "intake"; a deployment names its own, which its officers'
    /// certificates must carry as their unit.
    /// </summary>
    public string IntakeUnit { get; set; } = "intake";

    /// <summary>The longest an audit opening may last; a supervisor asks again after it.</summary>
    public TimeSpan MaxAuditOpening { get; set; } = TimeSpan.FromDays(30);
}
