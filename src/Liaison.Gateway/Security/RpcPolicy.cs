namespace Liaison.Gateway.Security;

/// <summary>
/// Who may call one RPC (or, for a service declared as a whole, every RPC of it) and what it exposes.
/// An RPC of kind <see cref="RpcDataKind.Health"/> is open to anonymous callers; every other needs an
/// authenticated caller in one of <see cref="Roles"/>.
/// </summary>
/// <param name="Method">"package.Service/Method", or "package.Service/*" for every method of a service.</param>
public sealed record RpcPolicy(string Method, RpcDataKind Data, IReadOnlySet<CallerRole> Roles)
{
    public bool AllowsAnonymous => Data == RpcDataKind.Health;

    public bool Allows(Caller? caller) => AllowsAnonymous || (caller is not null && Roles.Contains(caller.Role));
}
