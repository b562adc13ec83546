namespace Liaison.Gateway.Security;

/// <summary>
/// The caller may not read (or add to) a case's personal data under the need-to-know rules.
/// Its message names the case (a reference is clear text, never a name) and the rule, never
/// anything from the case. Mapped to PERMISSION_DENIED with <see cref="Reason"/>.
/// </summary>
public sealed class CaseAccessDeniedException : Exception
{
    public CaseAccessDeniedException(CaseKey @case, string reason)
        : base(SentenceFor(reason))
    {
        Case = @case;
        Reason = reason;
    }

    public CaseAccessDeniedException()
        : this(new CaseKey("", ""), CaseAccessRules.NotForYourRole)
    {
    }

    public CaseAccessDeniedException(string message)
        : base(message)
    {
        Case = new CaseKey("", "");
        Reason = CaseAccessRules.NotForYourRole;
    }

    public CaseAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Case = new CaseKey("", "");
        Reason = CaseAccessRules.NotForYourRole;
    }

    public CaseAccessDeniedException(CaseKey @case, string reason, string message)
        : base(message)
    {
        Case = @case;
        Reason = reason;
    }

    public CaseKey Case { get; }

    /// <summary>One of <see cref="CaseAccessRules.NotInYourUnit"/>, <see cref="CaseAccessRules.NotOpenedForAudit"/>, <see cref="CaseAccessRules.NotForYourRole"/>.</summary>
    public string Reason { get; }

    private static string SentenceFor(string reason) => reason switch
    {
        CaseAccessRules.NotInYourUnit => "This case belongs to another unit and no supervisor has granted you access to it; ask a supervisor for a grant.",
        CaseAccessRules.NotOpenedForAudit => "This case is not opened for audit; its personal data is shown to auditors only while a supervisor's or administrator's audit opening is in force.",
        _ => "Your role does not see the personal data of cases.",
    };
}
