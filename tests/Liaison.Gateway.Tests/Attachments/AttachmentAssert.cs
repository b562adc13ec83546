using Grpc.Core;
using Liaison.Gateway.Tests.Grpc;

namespace Liaison.Gateway.Tests.Attachments;

/// <summary>Checks a refusal's status code and ErrorInfo reason.</summary>
public static class AttachmentAssert
{
    public static RpcException Refused(RpcException error, StatusCode code, string reason)
    {
        ArgumentNullException.ThrowIfNull(error);
        Assert.Equal(code, error.StatusCode);
        Assert.Equal(reason, RpcAssert.Info(error).Reason);
        return error;
    }
}
