using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Auditing;

/// <summary>
/// The node's <see cref="AuditPseudonyms"/>, resolved at the first use: the store is opened at
/// start-up before the node's keys are loaded, and writes its first message entry after. Thread-safe.
/// </summary>
internal sealed class LazyAuditSubjects(Func<AuditPseudonyms> resolve) : IAuditSubjects
{
    private readonly Lazy<AuditPseudonyms> pseudonyms = new(resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    public string ForCase(string caseReference) => pseudonyms.Value.ForCase(caseReference);
}
