using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Auditing;

/// <summary>The actors audit entries name, besides callers' subject ids and partner node ids.</summary>
public static class AuditActors
{
    /// <summary>The gateway itself: its dispatcher, its sweepers, its start-up.</summary>
    public const string Node = "node";

    /// <summary>A caller the gateway did not authenticate (only while client authentication is not enforced).</summary>
    public const string Anonymous = "anonymous";

    /// <summary>1 to <see cref="AuditEventRecord.MaxActorLength"/> characters, none of them white space or control characters.</summary>
    public static bool IsValid(string? actor) =>
        actor is { Length: > 0 and <= AuditEventRecord.MaxActorLength } && !actor.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>The caller's subject id, or <see cref="Anonymous"/> for none.</summary>
    public static string Of(Caller? caller) => caller?.SubjectId ?? Anonymous;

    /// <summary>The actor of the current RPC: its authenticated caller's subject id, or <see cref="Anonymous"/>.</summary>
    public static string Of(ServerCallContext context) => Of(CallerOf(context));

    /// <summary>The authenticated caller of the current RPC, or null when there is none.</summary>
    public static Caller? CallerOf(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpContext http;
        try
        {
            http = context.GetHttpContext();
        }
        catch (InvalidOperationException)
        {
            // A service class called directly, not hosted by ASP.NET Core: no connection, no caller.
            return null;
        }

        return Caller.From(http.User);
    }
}
