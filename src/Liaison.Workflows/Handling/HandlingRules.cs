using Liaison.Workflow.V1;
using Liaison.Workflows.Localization;

namespace Liaison.Workflows.Handling;

/// <summary>
/// What the SIENA handling codes allow, and the markings that must accompany
/// restricted information wherever it is displayed or exported. Fails closed:
/// an unknown or unspecified code forbids forwarding. Thread-safe.
/// </summary>
public static class HandlingRules
{
    private static readonly Label CourtUse = new(
        "KHÔNG ĐƯỢC SỬ DỤNG TẠI TÒA ÁN KHI CHƯA ĐƯỢC PHÉP (H1)",
        "未经许可不得在法庭上使用（H1）",
        "NOT FOR USE IN COURT WITHOUT PERMISSION (H1)");

    private static readonly Label NoForwarding = new(
        "KHÔNG ĐƯỢC CHUYỂN CHO BÊN THỨ BA KHI CHƯA ĐƯỢC BÊN CUNG CẤP CHO PHÉP (H2)",
        "未经提供方许可不得转交第三方（H2）",
        "NOT TO BE PASSED ON WITHOUT THE PROVIDER'S PERMISSION (H2)");

    private static readonly Label Restricted = new("HẠN CHẾ (H3)", "限制（H3）", "RESTRICTED (H3)");

    /// <summary>
    /// May information with this handling code, provided by <paramref name="originNode"/>,
    /// be sent to <paramref name="toNode"/>? Sending it back to its provider is always
    /// allowed. H0 and H1 may be forwarded (H1 only limits use in court). H2 may
    /// not go to any third node. H3's restriction is free text a machine cannot
    /// judge, so forwarding it needs a person's decision: refused here.
    /// </summary>
    public static bool CanForward(HandlingCode code, string originNode, string toNode)
    {
        ArgumentException.ThrowIfNullOrEmpty(originNode);
        ArgumentException.ThrowIfNullOrEmpty(toNode);
        if (string.Equals(originNode, toNode, StringComparison.Ordinal))
        {
            return true;
        }
        return code is HandlingCode.H0 or HandlingCode.H1;
    }

    /// <summary>The H1 marking "not for use in court without permission" in <paramref name="language"/>.</summary>
    public static string CourtUseMarking(Language language) => CourtUse.In(language);

    /// <summary>
    /// The marking to show or export with information of this handling code,
    /// or null for H0. For H3 the stated restriction follows the marking.
    /// </summary>
    public static string? Marking(HandlingInstructions handling, Language language)
    {
        ArgumentNullException.ThrowIfNull(handling);
        return handling.Code switch
        {
            HandlingCode.H0 => null,
            HandlingCode.H1 => CourtUse.In(language),
            HandlingCode.H2 => NoForwarding.In(language),
            HandlingCode.H3 => $"{Restricted.In(language)}: {handling.Restriction?.Text}",
            // No code at all is treated as the most restrictive marking we can state.
            _ => Restricted.In(language),
        };
    }
}
