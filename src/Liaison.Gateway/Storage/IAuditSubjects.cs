namespace Liaison.Gateway.Storage;

/// <summary>
/// Names a case in the audit trail by its keyed hash (<see cref="Auditing.AuditPseudonyms"/>), so
/// that the store's own entries about a message (submit, seal, publish, arrival, receipt...) carry
/// the subject of the message's case and an auditor's search by case finds them, without the
/// store holding the pseudonym key or writing a case reference in clear.
/// </summary>
public interface IAuditSubjects
{
    /// <summary>The case's subject; empty for an empty case reference.</summary>
    string ForCase(string caseReference);
}
