namespace Liaison.Workflows;

/// <summary>
/// A verified signature as the workflow state remembers it: who signed which
/// digest with which key, and when the step was applied. The signature bytes
/// themselves stay in the stored event.
/// </summary>
public sealed record SignatureRecord(
    Liaison.Workflow.V1.Party Party,
    string OfficerId,
    string SignerNode,
    string KeyId,
    string Algorithm,
    string DigestHex,
    DateTimeOffset At);
