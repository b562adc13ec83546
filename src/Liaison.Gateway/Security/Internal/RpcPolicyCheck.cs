using Grpc.AspNetCore.Server;
using Liaison.Gateway.Hosting;
using Microsoft.AspNetCore.Http;

namespace Liaison.Gateway.Security.Internal;

/// <summary>Every gRPC method the gateway maps must have a line in <see cref="RpcPolicies"/>; otherwise it does not start.</summary>
internal static class RpcPolicyCheck
{
    /// <summary>The full names ("/package.Service/Method") of the gRPC methods among <paramref name="endpoints"/>.</summary>
    public static IReadOnlyList<string> Methods(IEnumerable<Endpoint> endpoints) =>
        [.. endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <exception cref="GatewayStartupException">Some mapped RPC has no policy; the message names each.</exception>
    public static void Require(IEnumerable<Endpoint> endpoints)
    {
        var missing = Methods(endpoints).Where(m => RpcPolicies.Find(m) is null).ToList();
        if (missing.Count > 0)
        {
            throw new GatewayStartupException(
                $"Every RPC needs an access policy in Liaison.Gateway.Security.RpcPolicies; these have none: {string.Join(", ", missing)}.");
        }
    }
}
