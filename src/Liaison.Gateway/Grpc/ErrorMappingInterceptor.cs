using Grpc.Core;
using Grpc.Core.Interceptors;
using Liaison.Gateway.Grpc.Internal;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Grpc;

/// <summary>
/// Turns every exception a service method throws into a google.rpc.Status, through
/// the one mapping in <c>ErrorMapper</c>, so that services throw domain exceptions and
/// never build status codes themselves. A call the client cancelled stays cancelled.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception error) when (ShouldMap(error, context))
        {
            throw Map(error, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception error) when (ShouldMap(error, context))
        {
            throw Map(error, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception error) when (ShouldMap(error, context))
        {
            throw Map(error, context);
        }
    }

    private static bool ShouldMap(Exception error, ServerCallContext context) =>
        error is not RpcException && !(error is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Map(Exception error, ServerCallContext context)
    {
        var mapped = ErrorMapper.Map(error, out var unexpected);
        if (unexpected)
        {
            GrpcLog.Failed(logger, context.Method, error);
        }
        else
        {
            GrpcLog.Refused(logger, context.Method, mapped.StatusCode, mapped.Status.Detail);
        }

        return mapped;
    }
}
