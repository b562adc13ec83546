namespace Liaison.Gateway.Security;

/// <summary>The unit a case of this side belongs to: that of the officer (or system) whose message opened it.</summary>
/// <param name="OpenedBy">The subject id whose message first named the case.</param>
public sealed record CaseOwner(CaseKey Case, string Unit, string OpenedBy, DateTimeOffset OpenedAt);
