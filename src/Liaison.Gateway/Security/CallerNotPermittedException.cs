namespace Liaison.Gateway.Security;

/// <summary>
/// The caller is authenticated but its role may not call this RPC (<see cref="RpcPolicies"/>).
/// PERMISSION_DENIED. The message names the method and the role, both safe to send back.
/// </summary>
public sealed class CallerNotPermittedException : Exception
{
    public CallerNotPermittedException()
    {
    }

    public CallerNotPermittedException(string message)
        : base(message)
    {
    }

    public CallerNotPermittedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CallerNotPermittedException(string method, CallerRole role)
        : base($"The role '{CallerRoles.Name(role)}' may not call {method}.")
    {
        Method = method;
        Role = role;
    }

    public string Method { get; } = "";

    public CallerRole? Role { get; }
}
