using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;

namespace Liaison.Cli;

/// <summary>
/// The one place where failures become what the operator reads: a sentence on
/// stderr and an exit code, never a stack trace. Exception messages of the
/// library name files, nodes and key ids, never key material or passphrases.
/// </summary>
internal static class CliErrors
{
    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var (message, details) = Describe(exception);
        if (message is null)
        {
            error.WriteLine($"error: internal error ({exception.GetType().Name}): {exception.Message} Please report this.");
            return ExitCodes.InternalError;
        }

        error.WriteLine("error: " + Sentence(message));
        foreach (var detail in details)
        {
            error.WriteLine("  - " + Sentence(detail));
        }

        return ExitCodes.Refused;
    }

    public static int ReportUsage(ParseResult parseResult, TextWriter error)
    {
        foreach (var parseError in parseResult.Errors)
        {
            error.WriteLine("error: " + parseError.Message);
        }

        error.WriteLine($"Run '{CommandPath(parseResult.CommandResult)} --help' for usage.");
        return ExitCodes.Usage;
    }

    // Order matters: the protobuf exceptions derive from IOException.
    private static (string? Message, IReadOnlyList<string> Details) Describe(Exception exception) => exception switch
    {
        CliException e => (e.Message, e.Details),
        RpcException e => Rpc(e),
        AgreementException e => ("The agreement is not in force:", e.Problems),
        KeyFileException e => (e.Message, []),
        EnvelopeSealException e => ("The envelope cannot be sealed: " + e.Message, []),
        InvalidJsonException e => ("The file is not valid protobuf JSON: " + e.Message, []),
        InvalidProtocolBufferException e => ("The data is not a valid protobuf message: " + e.Message, []),
        JsonException e => ("The file is not valid JSON: " + e.Message, []),
        FormatException e => (e.Message, []),
        UnauthorizedAccessException e => (e.Message, []),
        IOException e => (e.Message, []),
        _ => (null, []),
    };

    /// <summary>
    /// A failed gateway call: its gRPC status, the ErrorInfo reason the gateway gave (see
    /// gateway.proto), its message, and one detail per bad field of a BadRequest.
    /// </summary>
    private static (string, IReadOnlyList<string>) Rpc(RpcException exception)
    {
        var code = StatusName(exception.StatusCode);
        var cause = Innermost(exception.Status.DebugException);
        if (cause is System.Security.Authentication.AuthenticationException)
        {
            return ($"The gateway's TLS certificate is not trusted ({cause.Message.TrimEnd('.')}); pass --ca with the certificate of the CA that issued it, such as the demo's demo-ca.pem", []);
        }

        if (exception.StatusCode == StatusCode.Unavailable)
        {
            return ($"The gateway cannot be reached ({code}): {cause?.Message ?? exception.Status.Detail}", []);
        }

        var status = exception.GetRpcStatus();
        var reason = status?.GetDetail<ErrorInfo>()?.Reason;
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}").ToList() ?? [];
        var why = string.IsNullOrEmpty(reason) ? code : $"{code}, {reason}";
        return ($"The gateway refused the call ({why}): {exception.Status.Detail}", violations);
    }

    // The client reports a transport failure several exceptions deep; the last one says what happened.
    private static Exception? Innermost(Exception? exception)
    {
        while (exception?.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    // INVALID_ARGUMENT rather than InvalidArgument: the spelling of the gRPC documentation and grpcurl.
    private static string StatusName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    // Messages from other libraries do not always end like a sentence.
    private static string Sentence(string message)
    {
        var text = message.TrimEnd();
        return text.EndsWith('.') || text.EndsWith(':') ? text : text + ".";
    }

    private static string CommandPath(CommandResult? result)
    {
        var names = new List<string>();
        for (var current = result; current?.Parent is CommandResult parent; current = parent)
        {
            names.Insert(0, current.Command.Name);
        }

        names.Insert(0, "liaison");
        return string.Join(' ', names);
    }
}
