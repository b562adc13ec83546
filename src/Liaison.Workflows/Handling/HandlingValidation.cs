using Liaison.Workflow.V1;

namespace Liaison.Workflows.Handling;

/// <summary>Checks handling instructions attached to a step; returns why they are incomplete, or null.</summary>
internal static class HandlingValidation
{
    public static string? Problem(HandlingInstructions? handling)
    {
        if (handling is null)
        {
            return "it carries no handling instructions (handling code, source reliability, information accuracy)";
        }
        if (handling.Code == HandlingCode.Unspecified)
        {
            return "it carries no handling code (H0-H3)";
        }
        if (handling.Code == HandlingCode.H3 && string.IsNullOrWhiteSpace(handling.Restriction?.Text))
        {
            return "handling code H3 requires the restriction to be stated";
        }
        if (handling.SourceReliability == SourceReliability.Unspecified)
        {
            return "it carries no source reliability (A, B, C or X)";
        }
        if (handling.InformationAccuracy == InformationAccuracy.Unspecified)
        {
            return "it carries no information accuracy (1-4)";
        }
        return null;
    }
}
