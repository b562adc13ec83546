using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Liaison.Gateway.Hosting;
using Liaison.Gateway.V1;
using Liaison.Testing;

namespace Liaison.Gateway.FaultTests;

/// <summary>
/// One gateway as an operator runs it: <c>dotnet Liaison.Gateway.dll</c> from the gateway's
/// build output, configured by environment variables only, serving TLS with a certificate from
/// <see cref="TestClientAuthority"/> and reached by <see cref="Channel"/> with a supervisor's client
/// certificate from the same CA, on a fixed localhost port so that
/// a restart on the same data directory is reachable at the same address. Its standard
/// output and error are appended to a log file (kept across restarts) whose tail goes into
/// failure messages. Dispose kills it.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly Lock logLock = new();
    private readonly StreamWriter log;
    private Process? process;
    private int starts;
    private bool disposed;

    public GatewayProcess(string nodeId, IReadOnlyDictionary<string, string> environment, int port, string logFile)
    {
        NodeId = nodeId;
        this.environment = environment;
        Port = port;
        LogFile = logFile;
        log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        Channel = GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions
        {
            HttpHandler = TestClientAuthority.Handler(TestClientAuthority.CertificateFor(TestClientAuthority.Supervisor)),
            DisposeHttpClient = true,
        });
        Client = new LiaisonGatewayService.LiaisonGatewayServiceClient(Channel);
    }

    /// <summary>
    /// A gateway of <see cref="FaultParties"/> on its own files in <paramref name="directory"/>,
    /// on a free loopback port, on <paramref name="broker"/>; <paramref name="settings"/> adds to
    /// or overrides the configuration every such gateway gets.
    /// </summary>
    public static GatewayProcess Create(string node, RabbitMqBroker broker, string directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var files = FaultParties.Instance.WriteNodeFiles(node, directory);
        var port = FreePort();
        var (certificate, tlsKey, clientCa) = (Path.Combine(directory, "tls.pem"), Path.Combine(directory, "tls.key"), Path.Combine(directory, "client-ca.pem"));
        using (var server = TestClientAuthority.ServerCertificate())
        {
            DevelopmentCertificates.WritePem(server, certificate, tlsKey);
        }

        TestClientAuthority.WriteAuthorityPem(clientCa);
        var keyEncryptionKey = Path.Combine(directory, "kek");
        if (!File.Exists(keyEncryptionKey))
        {
            Gateway.Protection.KeyEncryptionKeyFile.Create(keyEncryptionKey);
        }

        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__NodeId"] = node,
            ["Gateway__KeyFile"] = files.KeyFile,
            ["Gateway__PassphraseFile"] = files.PassphraseFile,
            ["Gateway__AgreementFile"] = files.AgreementFile,
            ["Gateway__ListenAddress"] = "127.0.0.1",
            ["Gateway__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // TLS with client certificates, as in production: the test channel calls as a supervisor.
            ["Gateway__Tls__CertificateFile"] = certificate,
            ["Gateway__Tls__KeyFile"] = tlsKey,
            ["Gateway__Tls__ClientCaFile"] = clientCa,
            ["Store__Provider"] = "Sqlite",
            ["Store__DataDirectory"] = files.DataDirectory,
            ["Protection__KeyEncryptionKeyFile"] = keyEncryptionKey,
            ["Messaging__BrokerUri"] = broker.Uri.OriginalString,
            // The gateways' own cross-witnessing traffic goes on during every fault, as it would in service.
            ["Witnessing__Interval"] = "00:00:02",
            // Every request would be logged at Information; the gateway's own lines are what a failure needs.
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new GatewayProcess(node, environment, port, Path.Combine(directory, "gateway.log"));
    }

    public string NodeId { get; }

    public int Port { get; }

    public string LogFile { get; }

    public GrpcChannel Channel { get; }

    public LiaisonGatewayService.LiaisonGatewayServiceClient Client { get; }

    /// <summary>The operating system's id of the running process, e.g. to read /proc/&lt;pid&gt;/status; null when it is not running.</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>The gateway's build output, in the same configuration as this test assembly.</summary>
    public static string GatewayDll()
    {
        var configuration = typeof(GatewayProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liaison.sln")))
        {
            directory = directory.Parent;
        }

        var candidates = new List<string>();
        if (directory is not null)
        {
            candidates.Add(Path.Combine(directory.FullName, "src", "Liaison.Gateway", "bin", configuration, "net10.0", "Liaison.Gateway.dll"));
        }

        // The copy the project reference puts beside the tests, with its own deps and runtimeconfig.
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "Liaison.Gateway.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The gateway is not built; looked for {string.Join(" and ", candidates)}. Run dotnet build first.");
    }

    /// <summary>A free TCP port on loopback (the OS picks it; it is released at once for the gateway to bind).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until it answers grpc.health.v1 as serving.</summary>
    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            throw new InvalidOperationException($"{NodeId}'s gateway is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(LogFile)!,
        };
        start.ArgumentList.Add(GatewayDll());
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var started = Interlocked.Increment(ref starts);
        Write($"==== start #{started} of {NodeId} at {DateTimeOffset.UtcNow:O}");
        var next = new Process { StartInfo = start, EnableRaisingEvents = true };
        next.OutputDataReceived += (_, e) => Write(e.Data);
        next.ErrorDataReceived += (_, e) => Write(e.Data is null ? null : "[stderr] " + e.Data);
        next.Exited += (_, _) => Write($"==== {NodeId} (start #{started}) exited");
        next.Start();
        next.BeginOutputReadLine();
        next.BeginErrorReadLine();
        process = next;

        var health = new Health.HealthClient(Channel);
        await Polling.UntilAsync(
            async () =>
            {
                if (next.HasExited)
                {
                    throw new InvalidOperationException($"{NodeId}'s gateway exited with {next.ExitCode} while starting.\n{Tail()}");
                }

                try
                {
                    var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                    return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
                }
                catch (global::Grpc.Core.RpcException)
                {
                    return false;
                }
            },
            StartDeadline,
            $"{NodeId}'s gateway (port {Port}) to serve; log {LogFile}");
    }

    /// <summary>kill -9: SIGKILL on Linux, no chance to flush or stop cleanly.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        Write($"==== SIGKILL {NodeId} at {DateTimeOffset.UtcNow:O}");
        running.Kill(entireProcessTree: true);
        await running.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops it: the host shuts down in order. SIGKILL if it takes longer than the deadline.</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        Write($"==== SIGTERM {NodeId} at {DateTimeOffset.UtcNow:O}");
        if (!await TerminateAsync(running.Id))
        {
            running.Kill(entireProcessTree: true);
        }

        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await running.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Write($"==== {NodeId} did not stop within {StopDeadline.TotalSeconds} s of SIGTERM; SIGKILL");
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }

    /// <summary>The last lines of the process's output, for failure messages.</summary>
    public string Tail(int lines = 40) =>
        $"--- last {lines} lines of {LogFile} ---\n" + string.Join('\n', LogLines().TakeLast(lines));

    /// <summary>
    /// Every warning and error of the whole log, counted by message template with its first and
    /// last time and first rendering, for failure messages: the tail alone shows only the end of a run.
    /// </summary>
    public string Problems()
    {
        var problems = new Dictionary<string, (int Count, string First, string Last, string Message)>(StringComparer.Ordinal);
        foreach (var line in LogLines().Where(l => l.Contains("\"@l\":\"Warning\"", StringComparison.Ordinal) || l.Contains("\"@l\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"@l\":\"Fatal\"", StringComparison.Ordinal)))
        {
            using var entry = System.Text.Json.JsonDocument.Parse(line);
            var root = entry.RootElement;
            var template = root.TryGetProperty("@i", out var id) ? id.GetString() ?? "" : "";
            var time = root.GetProperty("@t").GetString() ?? "";
            var message = root.TryGetProperty("@m", out var rendered) ? rendered.GetString() ?? "" : "";
            problems[template] = problems.TryGetValue(template, out var seen)
                ? (seen.Count + 1, seen.First, time, seen.Message)
                : (1, time, time, message.Length > 200 ? message[..200] : message);
        }

        return $"--- warnings and errors in {LogFile}, by template ---\n" + string.Join('\n', problems.Values.OrderBy(p => p.First, StringComparer.Ordinal).Select(p => $"{p.Count,5} x {p.First}..{p.Last} {p.Message}"));
    }

    /// <summary>The time and rendering of each logged event with one of <paramref name="eventIds"/>, in order.</summary>
    public IReadOnlyList<string> Events(params int[] eventIds)
    {
        var markers = eventIds.Select(id => $"\"EventId\":{{\"Id\":{id},").ToArray();
        return LogLines()
            .Where(line => markers.Any(m => line.Contains(m, StringComparison.Ordinal)))
            .Select(line =>
            {
                using var entry = System.Text.Json.JsonDocument.Parse(line);
                var root = entry.RootElement;
                return $"{root.GetProperty("@t").GetString()} {(root.TryGetProperty("@m", out var m) ? m.GetString() : "")}";
            })
            .ToList();
    }

    private string[] LogLines()
    {
        lock (logLock)
        {
            using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public void Dispose()
    {
        try
        {
            if (process is { HasExited: false } running)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process?.Dispose();
        Channel.Dispose();
        lock (logLock)
        {
            disposed = true;
            log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            if (!disposed)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>Sends SIGTERM with the kill command; false where there is none (Windows) or it failed.</summary>
    private static async Task<bool> TerminateAsync(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        if (kill is null)
        {
            return false;
        }

        await kill.WaitForExitAsync();
        return kill.ExitCode == 0;
    }
}
