using System.CommandLine;
using System.Globalization;
using Liaison.Cli.Demo;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison demo</c>, the main command: Lao Cai's and Yunnan's gateways in this process, on
/// embedded defaults (generated keys and a co-signed agreement, a local CA for TLS, SQLite,
/// in-memory messaging unless brokers are given), every workflow walked through their gRPC API
/// (criteria, a verification request with a photograph, a handover, an alert, the quarter's
/// report), both audit trails verified, then both gateways serving until Ctrl-C.
/// </summary>
internal sealed class DemoCommand : Command
{
    private readonly CliContext context;
    private readonly Option<string> dataDirectory = new("--data-dir") { Description = "Keep the nodes' keys, agreement and state here, each node in DIR/<node-id>/; a second run reuses them (default: a new temporary directory).", HelpName = "dir" };
    private readonly Option<bool> exit = new("--exit") { Description = "Stop both gateways after the walk-through instead of serving until Ctrl-C." };
    private readonly Option<Uri> broker = BrokerOption("--broker", "Lao Cai's RabbitMQ broker, e.g. amqp://liaison:PASSWORD@127.0.0.1:5672/liaison, set up as deploy/rabbitmq/ says (scripts/services.sh does). Needs --broker-b.");
    private readonly Option<Uri> brokerB = BrokerOption("--broker-b", "Yunnan's RabbitMQ broker, linked to Lao Cai's by the shovels of deploy/rabbitmq/, e.g. amqp://liaison:PASSWORD@127.0.0.1:5673/liaison.");
    private readonly Option<int> port = CliOptions.Number("--port", "Lao Cai's gateway port; Yunnan's is the next one. 0 picks free ports.", "port", 0, 0, 65534);

    public DemoCommand(CliContext context)
        : base("demo", "Start Lao Cai's and Yunnan's gateways in this process, walk every workflow through their gRPC API, and keep them serving until Ctrl-C.")
    {
        this.context = context;
        this.AddOptions(dataDirectory, exit, broker, brokerB, port);
        Validators.Add(result =>
        {
            if ((result.GetResult(broker) is null) != (result.GetResult(brokerB) is null))
            {
                result.AddError("Give both --broker and --broker-b (each side talks only to its own broker), or neither for in-memory messaging.");
            }
        });
        Subcommands.Add(new DemoCryptoCommand(context));
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = context.Out;
        var real = TimeProvider.System;
        var kept = parse.GetValue(dataDirectory) is not null;
        var dir = Directory.CreateDirectory(parse.GetValue(dataDirectory) ?? Directory.CreateTempSubdirectory("liaison-demo-").FullName).FullName;
        var brokers = new DemoBrokers(parse.GetValue(broker), parse.GetValue(brokerB));

        output.WriteLine("Liaison demo: Lao Cai's and Yunnan's gateways in this process, every liaison workflow between them.");
        Step("1. Each node has its own keys; both authorities have co-signed the exchange agreement.");
        var identity = DemoIdentity.LoadOrCreate(dir, real);
        var time = DemoClock.Start(real, dir, Demo.Walkthrough.HandoverWalk.ClockSpan);
        output.WriteField("Data directory", dir);
        output.WriteField("Keys", identity.Reused
            ? $"reused from {dir}/<node-id>/{DemoIdentity.KeyFileName}"
            : $"generated (both suites, ML-DSA-65), in {dir}/<node-id>/{DemoIdentity.KeyFileName}");
        output.WriteField("Agreement", $"{identity.Agreement.Document.AgreementId} version {identity.Agreement.Version}, in force, SHA-256 {Display.Hex(identity.Agreement.Digest)}");
        foreach (var link in identity.Agreement.Document.Links)
        {
            output.WriteField($"{link.SenderNode} -> {link.RecipientNode}", Display.Enum(link.Suite) + (link.RequirePostQuantumSignature ? " + ML-DSA-65 co-signature" : ""));
        }

        Step("2. Both gateways start: gRPC over TLS on loopback, certificates from a local CA, SQLite, messaging.");
        DemoGateways gateways;
        try
        {
            gateways = await DemoGateways.StartAsync(dir, identity, brokers, parse.GetValue(port), time, cancellationToken);
            if (time.Why is { } why)
            {
                output.WriteField("Demo clock", $"{Display.Time(time.GetUtcNow())}, {time.Offset.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days ahead of the real clock: {why}");
            }
        }
        catch (Exception ex) when (ex is GatewayStartupException or OptionsValidationException or IOException)
        {
            throw new CliException("The demo gateways could not start: " + ex.Message, ex);
        }

        await using (gateways)
        {
            output.WriteField("Local CA", $"{gateways.AuthorityPath} (trust it to call the gateways)");
            output.WriteField("Officers", $"{gateways.Clients.LaoCai.Caller.SubjectId} and {gateways.Clients.Yunnan.Caller.SubjectId}, client certificates from the local CA in {Path.GetDirectoryName(gateways.Clients.LaoCai.CertificatePath)}");
            foreach (var node in new[] { gateways.LaoCai, gateways.Yunnan })
            {
                output.WriteField(node.NodeId, $"{node.Url}, SQLite in {node.DataDirectory}");
            }

            output.WriteField("Messaging", brokers.InMemory
                ? "MassTransit in-memory transport, one bus per gateway, joined by an in-memory border link"
                : $"RabbitMQ: {Redacted(brokers.LaoCai!)} (Lao Cai) and {Redacted(brokers.Yunnan!)} (Yunnan), linked by their shovels");

            try
            {
                await new DemoWalkthrough(output, gateways, time, writeReports: kept).RunAsync(cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                output.WriteLine();
                output.WriteLine("Interrupted before the walk-through finished; stopping both gateways.");
                return ExitCodes.Refused;
            }
            finally
            {
                // The next run on this directory goes on from this run's clock, never back in time.
                time.Save(dir);
            }

            output.WriteLine();
            output.WriteLine("Every workflow reached its final state on both sides, and both audit trails verify.");
            if (!parse.GetValue(exit))
            {
                await ServeAsync(gateways, dir, cancellationToken);
            }

            output.WriteLine("Stopping both gateways.");
        }

        output.WriteLine("Both gateways stopped.");
        return ExitCodes.Success;

        void Step(string text)
        {
            output.WriteLine();
            output.WriteLine(text);
        }
    }

    private async Task ServeAsync(DemoGateways gateways, string dir, CancellationToken cancellationToken)
    {
        var output = context.Out;
        // Each side's commands call as that side's demo officer, with the client certificate the demo issued.
        var atLaoCai = $"--gateway {gateways.LaoCai.Url} --ca {gateways.AuthorityPath} {gateways.Clients.LaoCai.Arguments}";
        var atYunnan = $"--gateway {gateways.Yunnan.Url} --ca {gateways.AuthorityPath} {gateways.Clients.Yunnan.Arguments}";
        output.WriteLine();
        output.WriteLine("Both gateways keep serving until Ctrl-C. Go on with the CLI, for example:");
        output.WriteLine($"  liaison message list {atYunnan}");
        output.WriteLine($"  liaison message submit {atLaoCai} --to {gateways.Yunnan.NodeId} --type verification.request --payload-file FILE --case-ref LC-2026-0043");
        output.WriteLine($"  liaison message get ENVELOPE-ID {atLaoCai}");
        output.WriteLine($"  liaison message fetch ENVELOPE-ID {atYunnan} --out payload.json");
        output.WriteLine($"  liaison case show {Demo.Walkthrough.VerificationWalk.LaoCaiCase} {atLaoCai}");
        output.WriteLine($"  liaison workflow show {Demo.Walkthrough.CriteriaWalk.WorkflowId} {atYunnan} --lang zh");
        output.WriteLine($"  liaison workflow step {atYunnan} --to {gateways.LaoCai.NodeId} --file deploy/examples/workflow/verification-request.json");
        output.WriteLine($"  liaison report {atLaoCai} --period YYYY-QN --format html --out report.html");
        output.WriteLine($"  liaison attachment upload {atLaoCai} --to {gateways.Yunnan.NodeId} --case LC-2026-0043 FILE");
        output.WriteLine($"  grpcurl -cacert {gateways.AuthorityPath} -cert {gateways.Clients.Yunnan.CertificatePath} -key {gateways.Clients.Yunnan.KeyPath} {gateways.Yunnan.Address.Authority} liaison.gateway.v1.LiaisonGatewayService/ListInboxMessages");
        output.WriteLine($"State stays in {dir}; run the demo again with --data-dir {dir} to continue with the same nodes.");
        output.Flush();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the way out.
        }
    }

    private static Option<Uri> BrokerOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "amqp-uri",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps")
            {
                return uri;
            }

            result.AddError($"{name} must be an AMQP URI such as amqp://user:PASSWORD@host:5672/vhost.");
            return null;
        },
    };

    // A broker URI may hold a password: show where, never who with what.
    private static string Redacted(Uri uri) => $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
}
