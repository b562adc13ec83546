using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Formatting.Compact;

namespace Liaison.Gateway.Extensions;

/// <summary>
/// Serilog for the gateway: compact JSON on the console in production (one event per
/// line, for the log shipper), a readable console in Development. Levels and extra sinks
/// come from the "Serilog" configuration section.
/// </summary>
public static class GatewayLogging
{
    private const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The logger for failures before the host is built; Program flushes it on exit.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration().WriteTo.Console(new RenderedCompactJsonFormatter()).CreateBootstrapLogger();

    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var development = builder.Environment.IsDevelopment();

        // The static logger is left alone: several gateways may share a process (the
        // demo, the tests), and each must keep its own pipeline.
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
                _ = development
                    ? logger.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                    : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            },
            preserveStaticLogger: true);
        return builder;
    }
}
