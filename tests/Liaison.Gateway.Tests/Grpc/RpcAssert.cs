using Google.Rpc;
using Grpc.Core;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>Reads the rich error model back from an RpcException.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    public static ErrorInfo Info(RpcException error)
    {
        var info = error.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("liaison.gateway", info.Domain);
        return info;
    }

    public static IReadOnlyList<string> ViolatedFields(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
