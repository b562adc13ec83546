using System.CommandLine;
using System.Runtime.InteropServices;
using Liaison.Cli.Commands;

namespace Liaison.Cli;

/// <summary>
/// The entry point. <see cref="Run(string[], CliContext)"/> takes its console, environment
/// and cancellation as arguments so that tests can run the tool in-process, in parallel.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        // The first Ctrl-C (or SIGTERM) asks a long-running command to stop cleanly; a second Ctrl-C ends the process.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        return Run(args, new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token));
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, new CliContext(stdout, stderr, Environment.GetEnvironmentVariable));

    public static int Run(string[] args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parseResult = LiaisonCommand.Create(context).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return CliErrors.ReportUsage(parseResult, context.Error);
        }

        try
        {
            // Our own handler below replaces the library's, which would print a stack trace;
            // signals are handled in Main, through the context's cancellation. On the thread
            // pool, so that no caller's synchronisation context is captured while we wait.
            var configuration = new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return Task.Run(() => parseResult.InvokeAsync(configuration, context.Cancellation)).GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, context.Error);
        }
    }
}
