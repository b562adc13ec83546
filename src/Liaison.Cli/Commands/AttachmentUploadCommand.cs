using System.CommandLine;
using System.Security.Cryptography;
using Google.Protobuf;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison attachment upload</c>: streams a file (a photograph, a scan) to a gateway, which cuts
/// it into chunks, seals them and sends them to the partner. The file is read twice, in pieces,
/// never whole: once for its SHA-256 and size, which the upload declares first, once to send it.
/// </summary>
internal sealed class AttachmentUploadCommand : Command
{
    private readonly CliContext context;
    private readonly GatewayConnection gateway = new();
    private readonly Option<string> recipient = CliOptions.NodeId("--to", "The partner node, e.g. cn-yunnan.");
    private readonly Option<string> caseReference = new("--case") { Description = "An opaque case reference such as LC-2026-0042; it travels in clear text, so never a name.", HelpName = "reference" };
    private readonly Option<string> requestId = new("--request-id") { Description = "The idempotency key: a retry with the same id resumes the upload and returns the same attachment (default: a new UUID).", HelpName = "id" };
    private readonly Option<string> mediaType = new("--media-type") { Description = "The file's media type (default: from its extension, e.g. image/jpeg for .jpg, else application/octet-stream).", HelpName = "type" };
    private readonly Argument<FileInfo> file = new("file") { Description = "The file to upload." };

    public AttachmentUploadCommand(CliContext context)
        : base("upload", "Upload a file as an attachment for a partner node; prints its name, size, SHA-256 and chunks.")
    {
        this.context = context;
        file.AcceptExistingOnly();
        Arguments.Add(file);
        this.AddOptions([.. gateway.All, recipient, caseReference, requestId, mediaType]);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetRequiredValue(file).FullName;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, AttachmentTransfer.PieceBytes, useAsync: true);
        var sha256 = await SHA256.HashDataAsync(stream, cancellationToken);
        var metadata = new AttachmentMetadata
        {
            RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString(),
            RecipientNode = parse.GetRequiredValue(recipient),
            CaseReference = parse.GetValue(caseReference) ?? "",
            MediaType = parse.GetValue(mediaType) ?? MediaTypeOf(path),
            SizeBytes = (ulong)stream.Position,
            Sha256 = ByteString.CopyFrom(sha256),
        };
        stream.Position = 0;
        var (channel, _) = gateway.Connect(parse);
        using (channel)
        {
            var attachment = await AttachmentTransfer.UploadAsync(new LiaisonAttachmentService.LiaisonAttachmentServiceClient(channel), metadata, stream, cancellationToken);
            context.Out.WriteLine($"Uploaded with request id {metadata.RequestId}:");
            AttachmentRenderer.Write(context.Out, attachment);
        }

        return ExitCodes.Success;
    }

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".tif" or ".tiff" => "image/tiff",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}
