using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.Client;
using Liaison.Gateway.Extensions;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Security;
using Liaison.Gateway.Tests.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Status = global::Grpc.Core.Status;

namespace Liaison.Gateway.Tests.Security;

/// <summary>
/// Every RPC the gateway maps (read from its endpoints, not listed by hand) called by every role and
/// by an anonymous caller, through the real gRPC stack with client certificates from the test CA. The
/// expected outcome of each cell comes from <see cref="Expected"/>, written here independently of
/// <see cref="RpcPolicies"/>, so that a wrong policy fails the test, and an RPC missing from it does too.
/// A call counts as allowed when it is refused neither UNAUTHENTICATED nor PERMISSION_DENIED with
/// ROLE_NOT_PERMITTED: an empty request may well fail validation after that.
/// </summary>
public sealed class AuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Anyone = "anonymous";
    private static readonly string[] People = ["officer", "supervisor", "auditor", "partner-system", "administrator"];

    /// <summary>An officer of another unit than <see cref="TestCallers.Unit"/>.</summary>
    private const string WrongUnit = "wrong-unit officer";

    /// <summary>
    /// The columns: each role, a wrong-unit officer, then anonymous. An officer of another unit has
    /// the same role, so the same cells at this level (its column is held to the officer's row);
    /// its case-level refusals (CASE_NOT_IN_YOUR_UNIT on every RPC that returns personal data, each
    /// audited) are asserted in NeedToKnowTests.
    /// </summary>
    private static readonly (string Column, Caller? Caller)[] Columns =
    [
        ("officer", TestCallers.Officer),
        ("supervisor", TestCallers.Supervisor),
        ("auditor", TestCallers.Auditor),
        ("partner-system", TestCallers.PartnerSystem),
        ("administrator", TestCallers.Administrator),
        (WrongUnit, new Caller("vn-laocai/officer-0077", CallerRole.Officer, "sa-pa-police")),
        (Anyone, null),
    ];

    /// <summary>Who may call what: the policy of deploy/access-control.md, written out again. Keys are "Service/Method" or "Service/*".</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["liaison.gateway.v1.LiaisonGatewayService/SubmitMessage"] = ["officer", "supervisor", "partner-system"],
        ["liaison.gateway.v1.LiaisonGatewayService/GetMessage"] = People,
        ["liaison.gateway.v1.LiaisonGatewayService/ListInboxMessages"] = People,
        ["liaison.gateway.v1.LiaisonGatewayService/StreamInboxMessages"] = People,
        ["liaison.gateway.v1.LiaisonGatewayService/FetchMessage"] = ["officer", "supervisor", "partner-system", "auditor"],
        ["liaison.gateway.v1.LiaisonWorkflowService/SubmitWorkflowStep"] = ["officer", "supervisor", "partner-system"],
        ["liaison.gateway.v1.LiaisonWorkflowService/GetWorkflow"] = ["officer", "supervisor", "partner-system", "auditor"],
        ["liaison.gateway.v1.LiaisonWorkflowService/GetCaseTimeline"] = ["officer", "supervisor", "partner-system", "auditor"],
        ["liaison.gateway.v1.LiaisonWorkflowService/GetPeriodicReport"] = People,
        ["liaison.gateway.v1.LiaisonWorkflowService/ExportHandoverRecord"] = ["officer", "supervisor", "partner-system", "auditor"],
        ["liaison.gateway.v1.LiaisonWorkflowService/ListBorderGates"] = People,
        ["liaison.gateway.v1.LiaisonAttachmentService/UploadAttachment"] = ["officer", "supervisor", "partner-system"],
        ["liaison.gateway.v1.LiaisonAttachmentService/GetAttachment"] = People,
        ["liaison.gateway.v1.LiaisonAttachmentService/DownloadAttachment"] = ["officer", "supervisor", "partner-system", "auditor"],
        ["liaison.gateway.v1.LiaisonAuditService/*"] = ["auditor"],
        ["liaison.gateway.v1.LiaisonCaseAccessService/GrantCaseAccess"] = ["supervisor"],
        ["liaison.gateway.v1.LiaisonCaseAccessService/RevokeCaseAccess"] = ["supervisor"],
        ["liaison.gateway.v1.LiaisonCaseAccessService/OpenCaseForAudit"] = ["supervisor", "administrator"],
        ["liaison.gateway.v1.LiaisonCaseAccessService/CloseCaseAudit"] = ["supervisor", "administrator"],
        ["liaison.gateway.v1.LiaisonCaseAccessService/ListCaseAccess"] = ["supervisor", "administrator"],
        ["grpc.health.v1.Health/*"] = [.. People, Anyone],
        ["grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = People,
        ["grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = People,
    };

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly RpcException Served = new(Status.DefaultSuccess);

    [Fact]
    public async Task EveryRpcAnswersEveryRoleAndAnonymousAsThePolicySays()
    {
        var methods = MappedMethods(fixture.Gateway.Services);
        Assert.Contains(methods, m => m.FullName == "/liaison.gateway.v1.LiaisonGatewayService/SubmitMessage");
        Assert.Contains(methods, m => m.FullName == "/grpc.health.v1.Health/Check");

        var wrong = new List<string>();
        foreach (var method in methods)
        {
            var allowed = ExpectedRoles(method);
            foreach (var (column, caller) in Columns)
            {
                var outcome = await CallAsync(fixture.Gateway.ChannelFor(caller), method);
                var expectAllowed = allowed.Contains(column == WrongUnit ? "officer" : column);
                var actual = Verdict(outcome, expectAllowed, caller is null);
                if (actual is not null)
                {
                    wrong.Add($"{method.FullName} as {column}: expected {(expectAllowed ? "allowed" : "denied")}, got {actual}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void EveryMappedRpcHasAPolicyAndAnExpectedRow()
    {
        var methods = MappedMethods(fixture.Gateway.Services);

        Assert.All(methods, m => Assert.True(RpcPolicies.Find(m.FullName) is not null, $"{m.FullName} has no policy in RpcPolicies."));
        Assert.All(methods, m => Assert.True(ExpectedKey(m) is not null, $"{m.FullName} has no row in this test's Expected table: add one."));
    }

    [Fact]
    public async Task AGatewayMappingAnRpcWithoutAPolicyRefusesToStart()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(fixture.Files.Settings());
        builder.WebHost.UseTestServer();
        builder.AddGateway();
        await using var app = builder.Build();
        app.MapGateway();
        app.MapGrpcService<UnlistedService>();

        var error = await Assert.ThrowsAsync<GatewayStartupException>(() => app.StartAsync());

        Assert.Equal(
            "Every RPC needs an access policy in Liaison.Gateway.Security.RpcPolicies; these have none: /liaison.test.v1.UnlistedService/Ping.",
            error.Message);
    }

    /// <summary>The gRPC methods of every endpoint the running gateway maps.</summary>
    internal static IReadOnlyList<IMethod> MappedMethods(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        return [.. endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method).OfType<IMethod>().DistinctBy(m => m.FullName).OrderBy(m => m.FullName, StringComparer.Ordinal)];
    }

    private static string? ExpectedKey(IMethod method)
    {
        var name = method.FullName.TrimStart('/');
        return Expected.ContainsKey(name) ? name : Expected.ContainsKey(method.ServiceName + "/*") ? method.ServiceName + "/*" : null;
    }

    private static string[] ExpectedRoles(IMethod method) =>
        ExpectedKey(method) is { } key ? Expected[key] : throw new Xunit.Sdk.XunitException($"{method.FullName} has no row in the Expected table.");

    /// <summary>Null when the outcome is what was expected; otherwise what it was.</summary>
    private static string? Verdict(RpcException outcome, bool expectAllowed, bool anonymous)
    {
        var reason = outcome.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "";
        var roleRefused = outcome.StatusCode == StatusCode.PermissionDenied && reason == "ROLE_NOT_PERMITTED";
        var unauthenticated = outcome.StatusCode == StatusCode.Unauthenticated && reason == "CLIENT_CERTIFICATE_REQUIRED";
        var seen = $"{outcome.StatusCode} {reason} ({outcome.Status.Detail})";
        if (expectAllowed)
        {
            return roleRefused || outcome.StatusCode == StatusCode.Unauthenticated ? seen : null;
        }

        // An anonymous caller is asked to authenticate; a known one is told its role may not.
        return (anonymous ? unauthenticated : roleRefused) ? null : seen;
    }

    /// <summary>Calls <paramref name="method"/> with an empty request and returns how the call ended (OK when it was still streaming).</summary>
    private static async Task<RpcException> CallAsync(GrpcChannel channel, IMethod method)
    {
        var invoker = channel.CreateCallInvoker();
        var raw = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Raw, Raw);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new CallOptions(cancellationToken: deadline.Token);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(raw, null, options, []).ResponseAsync;
                    return Served;
                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(raw, null, options);
                    await CompleteQuietlyAsync(call.RequestStream);
                    await call.ResponseAsync;
                    return Served;
                }

                case MethodType.ServerStreaming:
                {
                    using var call = invoker.AsyncServerStreamingCall(raw, null, options, []);
                    await call.ResponseHeadersAsync;
                    return await EndedOrOpenAsync(call);
                }

                default:
                {
                    using var call = invoker.AsyncDuplexStreamingCall(raw, null, options);
                    await CompleteQuietlyAsync(call.RequestStream);
                    while (await call.ResponseStream.MoveNext(deadline.Token))
                    {
                    }

                    return new RpcException(call.GetStatus(), call.GetTrailers());
                }
            }
        }
        catch (RpcException error)
        {
            return error;
        }
    }

    // A refused call may have ended before the client finished writing.
    private static async Task CompleteQuietlyAsync(IClientStreamWriter<byte[]> requests)
    {
        try
        {
            await requests.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
        }
    }

    // Headers arrived: either the call already ended (a trailers-only refusal, whose status is in
    // hand at once) or it is streaming (allowed). A stream that is open but silent, like the inbox
    // stream, is told from an ended call by a read that does not complete at once.
    private static async Task<RpcException> EndedOrOpenAsync(AsyncServerStreamingCall<byte[]> call)
    {
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            while (await call.ResponseStream.MoveNext(quiet.Token))
            {
            }

            return new RpcException(call.GetStatus(), call.GetTrailers());
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Cancelled && quiet.IsCancellationRequested)
        {
            return Served;
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
            return Served;
        }
    }
}
