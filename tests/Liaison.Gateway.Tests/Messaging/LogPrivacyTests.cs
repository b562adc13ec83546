using System.Text;
using Liaison.Crypto.V1;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using static Liaison.Gateway.Tests.Messaging.ExchangeScenario;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>
/// Issue 3, section 8: no personal data in any log line. A full exchange between two gateway
/// cores (in-memory transport, joined by the in-memory border link) with every log event of
/// both processes' pipelines (the gateway's own and MassTransit's, at the most verbose level)
/// captured through Serilog, as the gateway host logs.
/// </summary>
public sealed class LogPrivacyTests
{
    private const string CaseReference = "LC-2026-0077";

    /// <summary>The personal fields of the request: none may reach a log, in any encoding.</summary>
    private static readonly string[] PersonalFields =
    [
        "Nguyễn Thị Hồng Nhung",
        "李晓明",
        "B7319462",
        "Bản Phùng, xã Y Tý, huyện Bát Xát",
        "1987-03-14",
    ];

    private const string StoredTemplate = "Envelope from {PeerNode} verified and stored";
    private const string ReceiptTemplate = "Verified receipt from {PeerNode} recorded";

    [Fact]
    public async Task TheLogsOfAFullExchangeHoldNoPersonalFieldButTheEnvelopeIdAndCaseReferenceAsProperties()
    {
        var sink = new CapturingSink();
        var agreement = ExchangeAgreement.For(Suite.InternationalV1);
        await using var laoCai = await GatewayCore.StartAsync(agreement.Agreement, agreement.LaoCai, broker: null, s => CaptureLogs(s, sink));
        await using var yunnan = await GatewayCore.StartAsync(agreement.Agreement, agreement.Yunnan, broker: null, s => CaptureLogs(s, sink));
        using var linkLogs = new SerilogLoggerFactory(CaptureLogger(sink));
        var link = new InMemoryBorderLink(new BorderSide(TestParties.LaoCai, laoCai.Bus), new BorderSide(TestParties.Yunnan, yunnan.Bus), linkLogs.CreateLogger<InMemoryBorderLink>());
        await link.StartAsync(CancellationToken.None);
        var payload = VerificationRequest();
        Guid envelopeId;
        try
        {
            var submitted = await laoCai.Submitter.SubmitAsync(new SubmitRequest("privacy-1", TestParties.Yunnan, TestParties.MessageType, payload)
            {
                CaseReference = CaseReference,
                CorrelationId = "corr-privacy-1",
            });
            envelopeId = submitted.Message.EnvelopeId;
            await UntilDeliveredAsync(laoCai, [envelopeId], Delivery);
            var stored = Assert.Single(await InboxAsync(yunnan));
            Assert.Equal(payload, stored.Payload!.Value.ToArray());
        }
        finally
        {
            await link.StopAsync(CancellationToken.None);
        }

        // Yunnan logs the storing once its write has committed, and the receipt queued in that
        // write can reach Lao Cai first: wait for both per-message lines before reading the logs.
        await Liaison.Testing.Polling.UntilAsync(
            () => sink.Events.Any(e => e.MessageTemplate.Text.StartsWith(StoredTemplate, StringComparison.Ordinal))
                && sink.Events.Any(e => e.MessageTemplate.Text.StartsWith(ReceiptTemplate, StringComparison.Ordinal)),
            Delivery,
            "the stored and receipt log lines of the exchange");
        var events = sink.Events;
        var text = string.Join("\n", events.Select(Render));

        // The capture works: the envelope id is there, so an empty or mis-wired capture fails here.
        Assert.Contains(envelopeId.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(events, e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("MassTransit", StringComparison.Ordinal));
        foreach (var forbidden in ForbiddenForms(payload))
        {
            Assert.False(text.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"The logs contain a personal field (or an encoding of one): {Describe(forbidden)}");
        }

        // Where the gateway logs per message, the envelope id and the case reference are structured properties (the scope).
        var stored2001 = Assert.Single(events, e => e.MessageTemplate.Text.StartsWith(StoredTemplate, StringComparison.Ordinal));
        var receipt2005 = Assert.Single(events, e => e.MessageTemplate.Text.StartsWith(ReceiptTemplate, StringComparison.Ordinal));
        foreach (var perMessage in new[] { stored2001, receipt2005 })
        {
            Assert.Equal(envelopeId.ToString(), Scalar(perMessage, "EnvelopeId"), ignoreCase: true);
            Assert.Equal(CaseReference, Scalar(perMessage, "CaseReference"));
        }
    }

    /// <summary>A verification request whose personal fields are the <see cref="PersonalFields"/>.</summary>
    private static byte[] VerificationRequest() => Encoding.UTF8.GetBytes(
        "{\"request\":\"verify-identity\",\"subject\":{"
        + $"\"name_vi\":\"{PersonalFields[0]}\",\"name_zh\":\"{PersonalFields[1]}\",\"document\":\"{PersonalFields[2]}\","
        + $"\"village\":\"{PersonalFields[3]}\",\"born\":\"{PersonalFields[4]}\"" + "}}");

    /// <summary>Each field as text, as UTF-8 in base64 and hex, and the whole payload in base64 and hex.</summary>
    private static IEnumerable<string> ForbiddenForms(byte[] payload)
    {
        foreach (var field in PersonalFields)
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            yield return field;
            yield return Convert.ToBase64String(bytes).TrimEnd('=');
            yield return Convert.ToHexString(bytes);
        }

        yield return Convert.ToBase64String(payload)[..64];
        yield return Convert.ToHexString(payload)[..64];
    }

    private static string Describe(string forbidden) => PersonalFields.Contains(forbidden) ? $"field {Array.IndexOf(PersonalFields, forbidden)}" : $"an encoding starting '{forbidden[..8]}'";

    private static string? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value?.ToString() : null;

    /// <summary>Everything an event carries: its rendered message, every property (scopes included) and its exception.</summary>
    private static string Render(LogEvent logEvent)
    {
        var line = new StringBuilder(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            line.Append(' ').Append(name).Append('=').Append(value.ToString());
        }

        return line.Append(' ').Append(logEvent.Exception?.ToString()).ToString();
    }

    private static void CaptureLogs(IServiceCollection services, CapturingSink sink) =>
        services.AddSerilog(CaptureLogger(sink), dispose: true);

    /// <summary>Everything, from every source: nothing is filtered out before the assertion looks.</summary>
    private static Serilog.Core.Logger CaptureLogger(CapturingSink sink) =>
        new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger();

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly Lock gate = new();
        private readonly List<LogEvent> events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (gate)
                {
                    return [.. events];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (gate)
            {
                events.Add(logEvent);
            }
        }
    }
}
