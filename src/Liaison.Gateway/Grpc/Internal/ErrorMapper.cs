using System.Data.Common;
using Google.Rpc;
using Grpc.Core;
using Liaison.Crypto.Envelopes;
using Liaison.Gateway.Attachments.Internal;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// The one table from exceptions to gRPC status codes. Messages sent to callers are
/// written here or come from exceptions whose messages are documented as safe (ids,
/// states, agreement terms); anything unexpected becomes INTERNAL with a fixed sentence,
/// so that no stack trace, SQL or connection string ever leaves the gateway.
/// </summary>
internal static class ErrorMapper
{
    /// <param name="unexpected">True when the error is a fault of the gateway, to be logged in full.</param>
    public static RpcException Map(Exception error, out bool unexpected)
    {
        unexpected = false;
        switch (error)
        {
            case InvalidRequestException invalid:
                return RpcErrors.Create(StatusCode.InvalidArgument, "The request is not valid; see the field violations.", "INVALID_REQUEST", violations: invalid.Violations);
            case Google.Protobuf.InvalidProtocolBufferException:
                // Its message is protobuf's own and names no field of ours: a fixed sentence instead.
                return RpcErrors.Create(StatusCode.InvalidArgument,
                    "The request is not a valid protocol buffers message: it is truncated, malformed, or nested more than 100 levels deep.", "MALFORMED_REQUEST");
            case InvalidPageTokenException:
                return RpcErrors.Create(StatusCode.InvalidArgument, "The page token is not valid.", "INVALID_PAGE_TOKEN", violations:
                    [new BadRequest.Types.FieldViolation { Field = "page_token", Description = "The page token is not one this gateway issued; start again without a token." }]);
            case MessageNotFoundException notFound:
                return RpcErrors.Create(StatusCode.NotFound, "No message with this name is stored here.", "MESSAGE_NOT_FOUND", [new("name", MessageNames.Format(notFound.EnvelopeId))]);
            case RequestIdConflictException conflict:
                // AIP-155 leaves this case open. ALREADY_EXISTS: the submission this id
                // names exists with other content, and no retry with this id can succeed.
                return RpcErrors.Create(StatusCode.AlreadyExists, "This request id was already used for a different message; choose a new request id.", "REQUEST_ID_REUSED",
                    [new("request_id", conflict.RequestId), new("existing_message", MessageNames.Format(conflict.ExistingEnvelopeId))]);
            case EnvelopeSealException sealing:
                // Its messages name only nodes, message types and agreement terms.
                return RpcErrors.Create(StatusCode.FailedPrecondition, sealing.Message, "NOT_ALLOWED_BY_AGREEMENT");
            case IllegalStateTransitionException illegal:
                return RpcErrors.Create(StatusCode.FailedPrecondition, $"The message is {Word(illegal.Current)} and cannot become {Word(illegal.Attempted)}.", "ILLEGAL_STATE_TRANSITION",
                    [new("name", MessageNames.Format(illegal.EnvelopeId)), new("current_state", MessageMapper.ToState(illegal.Current).ToString())]);
            case PayloadUnavailableException unavailable:
                return RpcErrors.Create(StatusCode.FailedPrecondition, unavailable.Message, "PAYLOAD_UNAVAILABLE",
                    [new("name", MessageNames.Format(unavailable.EnvelopeId)), new("current_state", MessageMapper.ToState(unavailable.State).ToString())]);
            case Protection.CaseErasedException erased:
                // Its sentence names the message id and the erasure date only.
                return RpcErrors.Create(StatusCode.FailedPrecondition, erased.Message, "CASE_ERASED", [new("name", MessageNames.Format(erased.EnvelopeId))]);
            case Protection.ProtectedFieldException:
                unexpected = true;
                return RpcErrors.Create(StatusCode.DataLoss, "The stored personal data of this message cannot be decrypted; its operator's log has the details.", "STORED_DATA_UNREADABLE");
            case AttachmentRefusedException refused:
                return RpcErrors.Create(StatusCode.InvalidArgument, refused.Message, refused.Reason, violations:
                    [new BadRequest.Types.FieldViolation { Field = refused.Field, Description = refused.Message }]);
            case AttachmentNotFoundException notFound:
                return RpcErrors.Create(StatusCode.NotFound, notFound.Message, "ATTACHMENT_NOT_FOUND", [new("name", AttachmentIds.Name(notFound.AttachmentId))]);
            case AttachmentUnavailableException unavailable:
                return RpcErrors.Create(StatusCode.FailedPrecondition, unavailable.Message, unavailable.Reason, [new("name", AttachmentIds.Name(unavailable.AttachmentId))]);
            case AttachmentCorruptException corrupt:
                return RpcErrors.Create(StatusCode.DataLoss, corrupt.Message, "ATTACHMENT_CORRUPT", [new("name", AttachmentIds.Name(corrupt.AttachmentId))]);
            case Liaison.Workflows.IllegalTransitionException illegalStep:
                // Its sentences name the workflow, its state and the step: no personal field.
                return RpcErrors.Create(StatusCode.FailedPrecondition, illegalStep.Message, "ILLEGAL_TRANSITION",
                    [new("workflow", "workflows/" + illegalStep.WorkflowId), new("workflow_kind", illegalStep.Kind.ToString()), new("current_state", illegalStep.CurrentState), new("attempted_step", illegalStep.AttemptedStep)]);
            case Workflows.WorkflowRefusedException refusedStep when refusedStep.Field.Length > 0:
                return RpcErrors.Create(StatusCode.InvalidArgument, refusedStep.Message, "WORKFLOW_STEP_REFUSED", violations:
                    [new BadRequest.Types.FieldViolation { Field = refusedStep.Field, Description = refusedStep.Message }]);
            case Workflows.WorkflowNotFoundException missingWorkflow:
                return RpcErrors.Create(StatusCode.NotFound, missingWorkflow.Message, "WORKFLOW_NOT_FOUND", [new("name", "workflows/" + missingWorkflow.WorkflowId)]);
            case Security.CaseAccessDeniedException denied:
                // Names the case (a clear-text reference, never a name) and the rule, nothing of its content.
                return RpcErrors.Create(StatusCode.PermissionDenied, denied.Message, denied.Reason, [new("case", denied.Case.Name)]);
            case Security.CaseAccessNotFoundException missingAccess:
                return RpcErrors.Create(StatusCode.NotFound, missingAccess.Message, "CASE_ACCESS_NOT_FOUND", [new("name", missingAccess.Name)]);
            case Security.CallerUnauthenticatedException unauthenticated:
                return RpcErrors.Create(StatusCode.Unauthenticated, unauthenticated.Message, "CLIENT_CERTIFICATE_REQUIRED");
            case Security.CallerNotPermittedException notPermitted:
                return RpcErrors.Create(StatusCode.PermissionDenied, notPermitted.Message, "ROLE_NOT_PERMITTED", notPermitted.Role is { } role
                    ? [new("method", notPermitted.Method), new("role", Security.CallerRoles.Name(role))]
                    : null);
            case RateLimitedException limited:
                return RpcErrors.Create(StatusCode.ResourceExhausted, limited.Message, "RATE_LIMITED", retryDelay: limited.RetryAfter);
            case Auditing.AuditEntryNotFoundException missingEntry:
                return RpcErrors.Create(StatusCode.NotFound, missingEntry.Message, "AUDIT_ENTRY_NOT_FOUND", [new("name", AuditMapper.EntryName(missingEntry.Seq))]);
            case Auditing.NoAuditCheckpointException noCheckpoint:
                return RpcErrors.Create(StatusCode.FailedPrecondition, noCheckpoint.Message, "NO_AUDIT_CHECKPOINT");
            case InboxSubscriberFellBehindException behind:
                return RpcErrors.Create(StatusCode.Aborted, behind.Message, "INBOX_STREAM_FELL_BEHIND");
            case DbException { IsTransient: true } or TimeoutException or IOException or ObjectDisposedException:
                // ObjectDisposedException: the store closes while the host shuts down.
                return RpcErrors.Create(StatusCode.Unavailable, "The gateway's store is unavailable for the moment; retry the same call.", "STORE_UNAVAILABLE");
            default:
                unexpected = true;
                return RpcErrors.Create(StatusCode.Internal, "The gateway failed to handle this call; its operator's log has the details.", "INTERNAL");
        }
    }

    private static string Word(MessageState state) => state.ToString().ToLowerInvariant();
}
