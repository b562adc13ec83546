using System.CommandLine;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison attachment download</c>: streams a received attachment to a file readable by the
/// user only, checking its SHA-256 as it comes. The bytes go to a temporary file beside the
/// destination, which takes its name only once the whole matches: a failed download leaves nothing.
/// </summary>
internal sealed class AttachmentDownloadCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Option<string> output = CliOptions.Required("--out", "Write the attachment to this file, readable by you only; it holds personal data.", "path");
    private readonly Argument<string> attachment = new("attachment") { Description = "The attachment's id, or its name attachments/<attachment-id>." };

    public AttachmentDownloadCommand(CliContext context)
        : base("download", "Download a received attachment to --out, checking its SHA-256; its bytes are never printed.")
    {
        this.context = context;
        Arguments.Add(attachment);
        this.AddOptions([.. gateway.All, output]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(parse.GetRequiredValue(output));
        var name = parse.GetRequiredValue(attachment);
        name = name.StartsWith("attachments/", StringComparison.Ordinal) ? name : "attachments/" + name;
        var partial = path + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var (channel, _) = gateway.Connect(parse);
        using (channel)
        {
            Attachment received;
            try
            {
                await using (var file = new FileStream(partial, options))
                {
                    (received, _, _) = await AttachmentTransfer.DownloadAsync(new LiaisonAttachmentService.LiaisonAttachmentServiceClient(channel), name, file, cancellationToken);
                }

                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            AttachmentRenderer.Write(context.Out, received);
            context.Out.WriteField("Written to", $"{path} (SHA-256 checked)");
        }

        return ExitCodes.Success;
    }
}
