using System.Security.Cryptography;
using System.Text;

namespace Liaison.Gateway.Workflows;

/// <summary>
/// Deterministic request ids for the steps the workflow jobs take, so that a repeated sweep
/// (after a crash, or by a second instance) answers from the store instead of taking a step twice.
/// </summary>
internal static class WorkflowJobsRequestIds
{
    /// <summary>The longest request id the store accepts.</summary>
    private const int MaxLength = 64;

    /// <summary>"{what}/{workflow id}", or "{what}/h.{hex of the id's SHA-256}" cut to 64 characters when the id is too long for that.</summary>
    public static string For(string what, string workflowId)
    {
        var readable = what + "/" + workflowId;
        if (readable.Length <= MaxLength)
        {
            return readable;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workflowId)));
        return (what + "/h." + hash)[..MaxLength];
    }
}
