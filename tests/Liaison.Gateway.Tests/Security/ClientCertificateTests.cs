using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Liaison.Gateway.FaultTests;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.Security;
using Liaison.Gateway.Tests.Grpc;
using Liaison.Gateway.V1;
using Liaison.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Gateway.Tests.Security;

/// <summary>
/// Mutual TLS on Kestrel, over real sockets: a gateway whose client CA and revocation list are
/// files, as an operator configures them. Only a valid certificate of that CA, not revoked, gets
/// past authentication; without one, only the health check answers.
/// </summary>
public sealed class ClientCertificateTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly NodeDirectory files = new();
    private readonly X509Certificate2 authority = DevelopmentCertificates.CreateAuthority("Liaison test deployment CA", DateTimeOffset.UtcNow.AddDays(-3), TimeSpan.FromDays(10));
    private readonly List<GrpcChannel> channels = [];
    private string crlFile = "";
    private string clientCaFile = "";
    private BigInteger crlNumber;
    private WebApplication? app;
    private Uri? address;

    public async Task InitializeAsync()
    {
        var (certificate, key, clientCa) = (Path.Combine(files.Root, "tls.pem"), Path.Combine(files.Root, "tls.key"), Path.Combine(files.Root, "clients-ca.pem"));
        using (var server = DevelopmentCertificates.CreateServerCertificate(authority, ["localhost"], DateTimeOffset.UtcNow, TimeSpan.FromDays(1)))
        {
            DevelopmentCertificates.WritePem(server, certificate, key);
        }

        clientCaFile = clientCa;
        File.WriteAllText(clientCa, authority.ExportCertificatePem() + "\n");
        crlFile = Path.Combine(files.Root, "clients.crl");
        WriteRevocationList();
        var settings = new Dictionary<string, string?>(files.Settings())
        {
            ["Gateway:ListenAddress"] = "127.0.0.1",
            ["Gateway:Port"] = "0",
            ["Gateway:AllowPlaintextForDevelopment"] = "false",
            ["Gateway:Tls:CertificateFile"] = certificate,
            ["Gateway:Tls:KeyFile"] = key,
            ["Gateway:Tls:ClientCaFile"] = clientCa,
            ["Gateway:Tls:ClientCrlFile"] = crlFile,
        };
        app = GatewayApplication.Build(new GatewayNodeMaterial(NodeDirectory.LaoCaiKeys, NodeDirectory.Agreement, null), settings);
        await app.StartAsync();
        address = new Uri(Assert.Single(app.Urls));
    }

    public async Task DisposeAsync()
    {
        channels.ForEach(c => c.Dispose());
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public void Dispose()
    {
        authority.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task WithoutACertificateOnlyTheHealthCheckAnswers()
    {
        var anonymous = Channel(client: null);

        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        var refused = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => Workflows(anonymous).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        Assert.Equal("CLIENT_CERTIFICATE_REQUIRED", RpcAssert.Info(refused).Reason);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => new LiaisonGatewayService.LiaisonGatewayServiceClient(anonymous).ListInboxMessagesAsync(new ListInboxMessagesRequest()).ResponseAsync);

        // Reflection too needs a caller.
        using var reflection = new ServerReflection.ServerReflectionClient(anonymous).ServerReflectionInfo();
        var listing = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await reflection.ResponseStream.MoveNext(CancellationToken.None);
        });
        Assert.Equal(StatusCode.Unauthenticated, listing.StatusCode);
    }

    [Fact]
    public async Task AValidCertificateIsServedAsItsCallerUntilItIsRevokedWithoutARestart()
    {
        using var certificate = Issue(TestCallers.Officer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var officer = Channel(certificate);

        // Served: past authentication and the policy, the workflow is simply not there.
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows(officer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);

        WriteRevocationList(certificate);

        await Polling.UntilAsync(
            async () =>
            {
                try
                {
                    await Workflows(officer).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" });
                    return false;
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
                {
                    return false;
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated)
                {
                    return true;
                }
            },
            Deadline,
            "the revoked certificate to be refused");

        // Another certificate of the same CA is still served.
        using var other = Issue(TestCallers.Supervisor, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows(Channel(other)).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
    }

    [Fact]
    public async Task ACertificateFromAnotherCaIsRefused()
    {
        using var stranger = DevelopmentCertificates.CreateAuthority("Liaison test deployment CA", DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromDays(3));
        using var certificate = TestClientAuthority.Usable(ClientCertificates.Issue(stranger, TestCallers.Supervisor, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));

        var refused = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => Workflows(Channel(certificate)).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);

        Assert.Equal("CLIENT_CERTIFICATE_REQUIRED", RpcAssert.Info(refused).Reason);
    }

    [Fact]
    public async Task AnExpiredCertificateIsRefused()
    {
        using var certificate = Issue(TestCallers.Supervisor, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => Workflows(Channel(certificate)).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
    }

    [Fact]
    public async Task ACertificateOfTheCaThatNamesNoRoleIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=vn-laocai/officer-0042", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ClientCertificates.ClientAuthentication], false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), ClientCertificates.NewSerialNumber());
        using var certificate = TestClientAuthority.Usable(signed.CopyWithPrivateKey(key));

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => Workflows(Channel(certificate)).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
    }

    [Fact]
    public async Task EachConnectionOfAnAuthenticatedCallerIsAuditedOnceAsALoginAndRefusedOrAnonymousCallsAreNot()
    {
        using var certificate = Issue(TestCallers.Officer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var first = Channel(certificate);
        Task NotFound(GrpcChannel channel) =>
            RpcAssert.FailsAsync(StatusCode.NotFound, () => Workflows(channel).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);

        // Four calls on one connection, three of them at once, then a second connection with the same certificate.
        await NotFound(first);
        await Task.WhenAll(NotFound(first), NotFound(first), NotFound(first));
        await NotFound(Channel(certificate));

        // Neither a refused caller nor an anonymous health check logs in.
        using var expired = Issue(TestCallers.Supervisor, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, () => Workflows(Channel(expired)).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        await new Health.HealthClient(Channel(client: null)).CheckAsync(new HealthCheckRequest());

        // Each call waited for its connection's entry: it is committed before the call was served.
        var store = app!.Services.GetRequiredService<Liaison.Gateway.Storage.GatewayStoreHost>().Store;
        var logins = (await store.ReadAuditAsync(1, 10_000)).Where(e => e.EventType == Liaison.Gateway.Storage.AuditEventType.Login).ToList();
        Assert.Equal(2, logins.Count);
        Assert.All(logins, e => Assert.Equal((TestCallers.Officer.SubjectId, "officer connected"), (e.Actor, e.Detail)));
    }

    [Fact]
    public async Task AClientCaAddedToItsFileIsTrustedAndARetiredOneRefusedWithoutARestart()
    {
        using var next = DevelopmentCertificates.CreateAuthority("Liaison test deployment CA 2", DateTimeOffset.UtcNow.AddDays(-1), TimeSpan.FromDays(10));
        using var newcomer = TestClientAuthority.Usable(ClientCertificates.Issue(next, TestCallers.Supervisor, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        using var veteran = Issue(TestCallers.Officer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (incoming, outgoing) = (Channel(newcomer), Channel(veteran));
        Task<StatusCode> Answer(GrpcChannel channel) => StatusOfAsync(() => Workflows(channel).GetWorkflowAsync(new GetWorkflowRequest { Name = "workflows/vr-none" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, await Answer(incoming));

        // The rotation begins: the new CA beside the old one. Both CAs' callers are served (NOT_FOUND: past authentication).
        WriteAuthorities(authority, next);
        await Polling.UntilAsync(async () => await Answer(incoming) == StatusCode.NotFound, Deadline, "a certificate of the added CA to be served");
        Assert.Equal(StatusCode.NotFound, await Answer(outgoing));

        // A CA file that does not load changes nothing.
        File.WriteAllText(clientCaFile, "-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n");
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound), (await Answer(incoming), await Answer(outgoing)));

        // It ends: the new CA's revocation list, then the old CA retired.
        WriteRevocationListOf(next);
        WriteAuthorities(next);
        await Polling.UntilAsync(async () => await Answer(outgoing) == StatusCode.Unauthenticated, Deadline, "a certificate of the retired CA to be refused");
        Assert.Equal(StatusCode.NotFound, await Answer(incoming));
    }

    private static async Task<StatusCode> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException error)
        {
            return error.StatusCode;
        }
    }

    /// <summary>Writes the client CA file the gateway trusts, in one rename, as an operator would.</summary>
    private void WriteAuthorities(params X509Certificate2[] authorities)
    {
        var next = clientCaFile + ".next";
        File.WriteAllText(next, string.Concat(authorities.Select(a => a.ExportCertificatePem() + "\n")));
        File.Move(next, clientCaFile, overwrite: true);
    }

    private static LiaisonWorkflowService.LiaisonWorkflowServiceClient Workflows(GrpcChannel channel) => new(channel);

    private X509Certificate2 Issue(Caller caller, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        TestClientAuthority.Usable(ClientCertificates.Issue(authority, caller, notBefore, notAfter));

    /// <summary>A real client that trusts the test CA for the server and presents <paramref name="client"/>.</summary>
    private GrpcChannel Channel(X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler();
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificate(authority.RawData));
        handler.SslOptions.CertificateChainPolicy = policy;
        if (client is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        var channel = GrpcChannel.ForAddress(address!, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        channels.Add(channel);
        return channel;
    }

    /// <summary>Writes the CA's next revocation list, listing <paramref name="revoked"/>, in one rename as <c>liaison ca</c> does.</summary>
    private void WriteRevocationList(params X509Certificate2[] revoked) => WriteRevocationListOf(authority, revoked);

    /// <summary>Writes <paramref name="issuer"/>'s next revocation list, listing <paramref name="revoked"/>.</summary>
    private void WriteRevocationListOf(X509Certificate2 issuer, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow, X509RevocationReason.KeyCompromise);
        }

        crlNumber++;
        var crl = builder.Build(issuer, crlNumber, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: DateTimeOffset.UtcNow);
        var next = crlFile + ".next";
        File.WriteAllText(next, PemEncoding.WriteString("X509 CRL", crl) + "\n");
        File.Move(next, crlFile, overwrite: true);
    }
}
