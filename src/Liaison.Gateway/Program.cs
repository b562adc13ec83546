using Liaison.Gateway.Extensions;
using Liaison.Gateway.Hosting;
using Microsoft.Extensions.Options;
using Serilog;

Log.Logger = GatewayLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddGateway();
    var app = builder.Build();
    app.MapGateway();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is GatewayStartupException or OptionsValidationException)
{
    // An expected refusal: its sentence says what to fix, and a stack trace would bury it.
    Log.Fatal("The gateway refused to start: {Reason}", ex.Message);
    return 2;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The gateway stopped unexpectedly");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
