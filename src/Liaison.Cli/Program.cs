using System.CommandLine;
using Liaison.Cli.Commands;

namespace Liaison.Cli;

/// <summary>
/// The entry point. <see cref="Run(string[], CliContext)"/> takes its console and
/// environment as arguments so that tests can run the tool in-process, in parallel.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

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
            // Our own handler below replaces the library's, which would print a stack trace.
            return parseResult.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return CliErrors.Report(ex, context.Error);
        }
    }
}
