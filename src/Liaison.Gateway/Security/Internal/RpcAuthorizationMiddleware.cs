using System.Globalization;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Liaison.Gateway.Grpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Security.Internal;

/// <summary>
/// Enforces <see cref="RpcPolicies"/> for every gRPC endpoint, after authentication and before the
/// request is read or any service code runs. A refusal is a trailers-only gRPC response carrying
/// what <see cref="ErrorMapper"/> makes of <see cref="CallerUnauthenticatedException"/> or
/// <see cref="CallerNotPermittedException"/>. An allowed caller's first call on a connection is
/// audited as a login first (<see cref="ConnectionLogins"/>). Requests that reach no gRPC method pass through (they
/// are answered UNIMPLEMENTED or 404 without touching any data).
/// </summary>
internal sealed class RpcAuthorizationMiddleware(RequestDelegate next, ILogger logger)
{
    public Task InvokeAsync(HttpContext http)
    {
        var method = http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method;
        if (method is null)
        {
            return next(http);
        }

        var policy = RpcPolicies.Find(method.FullName);
        var caller = Caller.From(http.User);
        if (policy is not null && policy.Allows(caller))
        {
            return caller is null ? next(http) : LoggedInAsync(http, caller);
        }

        Exception refusal = caller is null ? new CallerUnauthenticatedException()
            : policy is null ? new CallerNotPermittedException($"{method.FullName} has no access policy.")
            : new CallerNotPermittedException(method.FullName, caller.Role);
        var error = ErrorMapper.Map(refusal, out _);
        SecurityLog.Denied(logger, method.FullName, error.StatusCode, caller?.SubjectId ?? "anonymous", caller is null ? "none" : CallerRoles.Name(caller.Role));
        WriteTrailersOnly(http.Response, error);
        return Task.CompletedTask;
    }

    private async Task LoggedInAsync(HttpContext http, Caller caller)
    {
        try
        {
            await ConnectionLogins.RecordOnceAsync(http, caller);
        }
#pragma warning disable CA1031 // Not swallowed: mapped in one place, logged, and answered; the call is not served.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // Outside gRPC's interceptors, so mapped here, as ErrorMappingInterceptor would.
            var error = ErrorMapper.Map(e, out _);
            SecurityLog.LoginNotAudited(logger, caller.SubjectId, e.GetType().Name, error.StatusCode);
            WriteTrailersOnly(http.Response, error);
            return;
        }

        await next(http);
    }

    private static void WriteTrailersOnly(HttpResponse response, RpcException error)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            response.Headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }
    }
}
