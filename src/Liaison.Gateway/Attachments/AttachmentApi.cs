using Grpc.Core;
using Liaison.Gateway.Attachments.Internal;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Attachments;

/// <summary>
/// The attachment API: uploads cut into chunk envelopes plus a manifest, their status, and
/// verified downloads. Errors are thrown as domain exceptions and mapped to statuses in one
/// place, <see cref="Grpc.ErrorMappingInterceptor"/>. Created per call.
/// </summary>
public sealed class AttachmentApi(GatewayNode node, MessageSubmitter submitter, IGatewayStore store, CaseAccessGuard access, ILogger<AttachmentApi> logger)
    : LiaisonAttachmentService.LiaisonAttachmentServiceBase
{
    public override async Task<UploadAttachmentResponse> UploadAttachment(IAsyncStreamReader<UploadAttachmentRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context);
        var attachment = await new AttachmentUploader(node, submitter, logger, Auditing.AuditActors.Of(caller)).UploadAsync(requestStream, context.CancellationToken);
        // A new attachment adds only the uploader's own bytes; a new case it names becomes the uploader's unit's.
        await access.RecordOpenedAsync(caller, CaseKey.Of(node.NodeId, Storage.MessageDirection.Outbound, attachment.PeerNode, attachment.CaseReference, attachment.AttachmentId, Guid.Empty), context.CancellationToken);
        return new UploadAttachmentResponse { Attachment = attachment };
    }

    public override async Task<GetAttachmentResponse> GetAttachment(GetAttachmentRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var attachmentId = AttachmentIds.ParseName(request.Name, "name");
        return new GetAttachmentResponse { Attachment = await new AttachmentCatalog(store).DescribeAsync(attachmentId, context.CancellationToken) };
    }

    public override Task DownloadAttachment(DownloadAttachmentRequest request, IServerStreamWriter<DownloadAttachmentResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var attachmentId = AttachmentIds.ParseName(request.Name, "name");
        return DownloadAsync(attachmentId, responseStream, context);
    }

    private async Task DownloadAsync(string attachmentId, IServerStreamWriter<DownloadAttachmentResponse> responseStream, ServerCallContext context)
    {
        // Need-to-know over the attachment's envelopes (their correlation id is its id), audited; none at all is NOT_FOUND below.
        var cases = await access.CasesOfCorrelationAsync(attachmentId, context.CancellationToken);
        if (cases.Count > 0)
        {
            await access.RequireReadAsync(Caller.Of(context), cases, null, context.CancellationToken);
        }

        await new AttachmentDownloader(store, logger).DownloadAsync(attachmentId, responseStream, context.CancellationToken);
    }
}
