using Liaison.Gateway.Extensions;
using Liaison.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>A gateway that is missing something refuses to start, with one sentence saying what.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StartupRefusalTests : IDisposable
{
    private readonly NodeDirectory files = new();

    [Fact]
    public async Task AMissingKeyFileIsNamed()
    {
        File.Delete(files.KeyFile);

        var error = await RefusalAsync<GatewayStartupException>(files.Settings());

        Assert.Equal($"The private-key file '{files.KeyFile}' does not exist.", error.Message);
    }

    [Fact]
    public async Task AKeyFileOthersCanReadIsRefused()
    {
        File.SetUnixFileMode(files.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = await RefusalAsync<GatewayStartupException>(files.Settings());

        Assert.StartsWith($"The private-key file '{files.KeyFile}' is accessible to other users (mode 644)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgreementNotCoSignedIsRefused()
    {
        using var halfSigned = new NodeDirectory(coSigned: false);

        var error = await RefusalAsync<GatewayStartupException>(halfSigned.Settings());

        Assert.Equal($"The agreement in '{halfSigned.AgreementFile}' is not in force: The agreement is not in force: it still needs the signature of 'cn-yunnan'.", error.Message);
    }

    [Fact]
    public async Task AWrongPassphraseIsRefused()
    {
        File.WriteAllText(files.PassphraseFile, "not the passphrase");

        var error = await RefusalAsync<GatewayStartupException>(files.Settings());

        Assert.StartsWith($"The passphrase does not open the private-key file '{files.KeyFile}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOptionsAreRefusedWithASentenceEach()
    {
        var settings = files.Settings();
        settings["Gateway:NodeId"] = "Lao Cai";
        settings["Gateway:AllowPlaintextForDevelopment"] = "false";

        var error = await RefusalAsync<OptionsValidationException>(settings);

        Assert.Equal(
        [
            "Gateway:NodeId must be this node's id in the agreement: lower-case letters, digits and '-', at most 63 characters.",
            "Gateway:Tls:CertificateFile must name the server certificate (PEM or PFX); plaintext is only served with Gateway:AllowPlaintextForDevelopment=true.",
        ], error.Failures);
    }

    [Fact]
    public async Task ARateLimitThatCannotWorkIsRefused()
    {
        var settings = files.Settings();
        settings["Gateway:RateLimit:PermitsPerSecond"] = "0";
        settings["Gateway:RateLimit:Burst"] = "0";

        var error = await RefusalAsync<OptionsValidationException>(settings);

        Assert.Equal(
        [
            "Gateway:RateLimit:PermitsPerSecond must be between 1 and 100000; it is 0.",
        ], error.Failures);
    }

    [Fact]
    public async Task AMissingStoreDirectoryIsRefused()
    {
        var settings = files.Settings();
        settings.Remove("Store:DataDirectory");

        var error = await RefusalAsync<OptionsValidationException>(settings);

        Assert.Contains("Store:DataDirectory must name this node's data directory", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => files.Dispose();

    /// <summary>Starts a host registered exactly as Program does, on TestServer, and returns what stopped it.</summary>
    private static async Task<T> RefusalAsync<T>(Dictionary<string, string?> settings)
        where T : Exception
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseTestServer();
        builder.AddGateway();
        await using var app = builder.Build();
        app.MapGateway();
        return await Assert.ThrowsAsync<T>(() => app.StartAsync());
    }
}
