using Grpc.Core;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Grpc.Internal;
using Liaison.Gateway.Security;
using Liaison.Gateway.Storage;
using Liaison.Gateway.V1;
using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Grpc;

/// <summary>
/// The gateway's gRPC API. Each method validates its request, calls the exchange or
/// the store, and maps the result; every error is turned into a status in one place,
/// <see cref="ErrorMappingInterceptor"/>. Created per call.
/// </summary>
public sealed class GatewayApi(
    GatewayNode node,
    MessageSubmitter submitter,
    IGatewayStore store,
    InboxNotifier inbox,
    CaseAccessGuard access,
    ILogger<GatewayApi> logger) : LiaisonGatewayService.LiaisonGatewayServiceBase
{
    public override async Task<SubmitMessageResponse> SubmitMessage(SubmitMessageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var submit = SubmitRequestValidator.Validate(request, node.Agreement) with { Actor = Auditing.AuditActors.Of(context) };
        // Need-to-know: a message joins only cases its sender may read; a new case becomes its unit's.
        // Hosted, every call that gets here has a caller (RpcPolicies); a class called directly has none.
        var caller = Auditing.AuditActors.CallerOf(context);
        var @case = await access.RequireWriteAsync(caller, submit.CaseReference, submit.CorrelationId, context.CancellationToken);
        var result = await submitter.SubmitAsync(submit, context.CancellationToken);
        await access.RecordOpenedAsync(caller, @case, context.CancellationToken);
        GrpcLog.Submitted(logger, result.Message.EnvelopeId, result.Message.PeerNode, result.IsReplay);
        return new SubmitMessageResponse { Message = MessageMapper.ToMessage(result.Message) };
    }

    public override async Task<GetMessageResponse> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var record = await FindAsync(request.Name, context.CancellationToken);
        return new GetMessageResponse { Message = MessageMapper.ToMessage(record) };
    }

    public override async Task<ListInboxMessagesResponse> ListInboxMessages(ListInboxMessagesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var page = await store.ListInboxAsync(
            new InboxQuery(PageSizes.Resolve(request.PageSize), request.PageToken) { ExcludedTypePrefix = request.IncludeWitnessing ? null : Witnessing.WitnessingMessageTypes.Prefix },
            context.CancellationToken);
        var response = new ListInboxMessagesResponse { NextPageToken = page.NextPageToken };
        response.Messages.AddRange(page.Messages.Select(MessageMapper.ToMessage));
        return response;
    }

    public override async Task StreamInboxMessages(StreamInboxMessagesRequest request, IServerStreamWriter<StreamInboxMessagesResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var subscription = inbox.Subscribe();

        // Headers go out once the subscription exists: a client that waits for them
        // knows that every message recorded from then on will reach it.
        await context.WriteResponseHeadersAsync([]);
        GrpcLog.StreamOpened(logger);
        try
        {
            await foreach (var message in subscription.ReadAllAsync(context.CancellationToken))
            {
                if (!request.IncludeWitnessing && message.MessageType.StartsWith(Witnessing.WitnessingMessageTypes.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                await responseStream.WriteAsync(new StreamInboxMessagesResponse { Message = MessageMapper.ToMessage(message) }, context.CancellationToken);
            }
        }
        finally
        {
            GrpcLog.StreamClosed(logger);
        }
    }

    public override async Task<FetchMessageResponse> FetchMessage(FetchMessageRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var record = await FindAsync(request.Name, context.CancellationToken);
        if (record.Direction != Storage.MessageDirection.Inbound || record.Payload is not { } payload)
        {
            throw new PayloadUnavailableException(record.EnvelopeId, record.Direction, record.State);
        }

        // Need-to-know, audited whether allowed or refused, before the payload leaves.
        await access.RequireReadAsync(Caller.Of(context), await access.CasesOfMessageAsync(record, context.CancellationToken), record.EnvelopeId, context.CancellationToken);
        return new FetchMessageResponse { Message = MessageMapper.ToMessage(record), Payload = Google.Protobuf.ByteString.CopyFrom(payload.Span) };
    }

    private async Task<MessageRecord> FindAsync(string name, CancellationToken cancellationToken)
    {
        var envelopeId = MessageNames.Parse(name, "name");
        return await store.GetAsync(envelopeId, cancellationToken) ?? throw new MessageNotFoundException(envelopeId);
    }
}
