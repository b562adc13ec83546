using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Liaison.Gateway.Messaging.Contracts;
using MassTransit;

namespace Liaison.Cli.Demo;

/// <summary>
/// A seam for the privacy and secrets scans (tests/Liaison.Cli.Tests/Scans): when a test sets
/// <see cref="Current"/> before it runs the demo, both gateways also log at Debug level to a file
/// per node, every message their buses receive is kept as it travelled (body and transport
/// headers), with the envelopes and receipts that crossed the border link, and the TLS private
/// keys the demo generates are kept to be looked for. Never set in normal runs. Per async flow,
/// so that tests running demos in parallel each see only their own.
/// </summary>
internal sealed class DemoCapture : IReceiveObserver
{
    private static readonly AsyncLocal<DemoCapture?> Flow = new();

    private readonly ConcurrentQueue<CapturedMessage> messages = new();
    private readonly ConcurrentQueue<byte[]> privateKeys = new();

    public DemoCapture(string logDirectory) => LogDirectory = Directory.CreateDirectory(logDirectory).FullName;

    public static DemoCapture? Current
    {
        get => Flow.Value;
        set => Flow.Value = value;
    }

    /// <summary>Where each gateway writes NODE.log.</summary>
    public string LogDirectory { get; }

    public IReadOnlyCollection<CapturedMessage> Messages => messages;

    /// <summary>Each generated TLS key as PKCS#8 and as its raw private scalar.</summary>
    public IReadOnlyCollection<byte[]> PrivateKeys => privateKeys;

    internal void AddLogging(IDictionary<string, string?> settings, string nodeId)
    {
        settings["Serilog:MinimumLevel:Default"] = "Debug";
        settings["Serilog:WriteTo:0:Name"] = "File";
        settings["Serilog:WriteTo:0:Args:path"] = Path.Combine(LogDirectory, nodeId + ".log");
        settings["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:o} {Level:u3} {SourceContext}: {Message:l} {Properties}{NewLine}{Exception}";
    }

    internal void Observe(IBus bus) => bus.ConnectReceiveObserver(this);

    internal void KeepPrivateKey(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey();
        if (key is not null)
        {
            privateKeys.Enqueue(key.ExportPkcs8PrivateKey());
            privateKeys.Enqueue(key.ExportParameters(includePrivateParameters: true).D!);
        }
    }

    Task IReceiveObserver.PreReceive(ReceiveContext context)
    {
        var headers = string.Join('\n', context.TransportHeaders.GetAll().Select(h => $"{h.Key}: {h.Value}"));
        messages.Enqueue(new CapturedMessage("received", context.Body.GetBytes(), Encoding.UTF8.GetBytes(headers)));
        return Task.CompletedTask;
    }

    Task IReceiveObserver.PostReceive(ReceiveContext context) => Task.CompletedTask;

    Task IReceiveObserver.PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
    {
        switch (context.Message)
        {
            case EnvelopeTransferred envelope:
                messages.Enqueue(new CapturedMessage(nameof(EnvelopeTransferred), envelope.Envelope, []));
                break;
            case ReceiptTransferred receipt:
                messages.Enqueue(new CapturedMessage(nameof(ReceiptTransferred), receipt.Receipt, []));
                break;
            case EnvelopesTransferred frame:
                foreach (var envelope in frame.Envelopes)
                {
                    messages.Enqueue(new CapturedMessage(nameof(EnvelopeTransferred), envelope, []));
                }

                break;
            case ReceiptsTransferred frame:
                foreach (var receipt in frame.Receipts)
                {
                    messages.Enqueue(new CapturedMessage(nameof(ReceiptTransferred), receipt, []));
                }

                break;
        }

        return Task.CompletedTask;
    }

    Task IReceiveObserver.ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) => Task.CompletedTask;

    Task IReceiveObserver.ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}

/// <summary>One message a demo bus received: its kind, its bytes and its transport headers as text.</summary>
internal sealed record CapturedMessage(string Kind, byte[] Body, byte[] Headers);
