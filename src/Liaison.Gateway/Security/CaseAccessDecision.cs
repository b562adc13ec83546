namespace Liaison.Gateway.Security;

/// <summary>The outcome of a need-to-know check, with why: what the audit entry of the read records.</summary>
/// <param name="Basis">
/// When allowed, what allowed it: "own-unit", "grant", "supervisor" or "audit-opening".
/// When denied, the reason code the caller gets (see <see cref="CaseAccessRules"/>).
/// </param>
/// <param name="Case">The case that allowed it; when denied, the case that was asked for.</param>
public sealed record CaseAccessDecision(bool Allowed, string Basis, CaseKey Case);
