using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Liaison.Gateway.Tests.Security;

/// <summary>
/// A gRPC service that no policy names, bound by hand as generated code would bind it: mapping it
/// must stop the gateway from starting.
/// </summary>
[BindServiceMethod(typeof(UnlistedService), nameof(BindService))]
public class UnlistedService
{
    public const string ServiceName = "liaison.test.v1.UnlistedService";

    private static readonly Marshaller<Empty> EmptyMarshaller = Marshallers.Create(m => m.ToByteArray(), Empty.Parser.ParseFrom);

    private static readonly Method<Empty, Empty> PingMethod = new(MethodType.Unary, ServiceName, nameof(Ping), EmptyMarshaller, EmptyMarshaller);

    public static void BindService(ServiceBinderBase binder, UnlistedService service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(PingMethod, service is null ? null : service.Ping);
    }

    public virtual Task<Empty> Ping(Empty request, ServerCallContext context) => Task.FromResult(new Empty());
}
