using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>Builds the rich error model: a google.rpc.Status with an ErrorInfo, a BadRequest when fields are at fault, and a RetryInfo when a retry must wait.</summary>
internal static class RpcErrors
{
    public const string Domain = "liaison.gateway";

    public static RpcException Create(
        StatusCode code,
        string message,
        string reason,
        IEnumerable<KeyValuePair<string, string>>? metadata = null,
        IEnumerable<BadRequest.Types.FieldViolation>? violations = null,
        TimeSpan? retryDelay = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata ?? [])
        {
            info.Metadata.Add(key, value);
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        if (violations is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { violations } }));
        }

        if (retryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status.ToRpcException();
    }
}
