using Microsoft.Extensions.Logging;

namespace Liaison.Gateway.Witnessing;

/// <summary>The witnessing's log events: node ids, log origins, sizes, reason codes and exception type names only.</summary>
internal static partial class WitnessingLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Audit checkpoint of size {Size} sent to {Peer} for witnessing, with a consistency proof from size {FromSize}")]
    public static partial void CheckpointSent(ILogger logger, long size, long fromSize, string peer);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Cosigned checkpoint {Size} of {Origin} as its witness")]
    public static partial void CheckpointCosigned(ILogger logger, string origin, long size);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Did not cosign a checkpoint of {Origin} ({ReasonCode}); the log was not found inconsistent")]
    public static partial void CheckpointNotCosigned(ILogger logger, string origin, string reasonCode);

    // Critical: the partner's log is proven (fork) or suspected (rewrite) to have changed its history.
    [LoggerMessage(EventId = 5104, Level = LogLevel.Critical, Message = "WITNESS ALERT: the audit log {Origin} is inconsistent ({Kind}): checkpoint {SeenSize} cosigned before, checkpoint {PresentedSize} presented by message {EnvelopeId}; both kept as evidence and the partner told")]
    public static partial void WitnessAlertRaised(ILogger logger, string origin, string kind, long seenSize, long presentedSize, Guid envelopeId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Cosignature of checkpoint {Size} by {Witness} verified and stored")]
    public static partial void CosignatureStored(ILogger logger, long size, string witness);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error, Message = "A cosignature from {Witness} was refused ({ReasonCode}) in message {EnvelopeId}")]
    public static partial void CosignatureRefused(ILogger logger, string witness, string reasonCode, Guid envelopeId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Critical, Message = "WITNESS ALERT from {Witness}: this node's audit log was found inconsistent ({Kind}) in message {EnvelopeId}; the evidence is stored")]
    public static partial void WitnessAlertReceived(ILogger logger, string witness, string kind, Guid envelopeId);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Warning, Message = "{Witness} did not cosign checkpoint; it holds size {WitnessedSize}: the next checkpoint is proved from there")]
    public static partial void NotCosignedByWitness(ILogger logger, string witness, long witnessedSize);

    [LoggerMessage(EventId = 5109, Level = LogLevel.Warning, Message = "Witnessing step failed ({ErrorType}); trying again at the next interval, traffic is not affected")]
    public static partial void StepFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Error, Message = "The answer to witnessing message {EnvelopeId} could not be sent to {Peer} ({ErrorType})")]
    public static partial void AnswerFailed(ILogger logger, Guid envelopeId, string peer, string errorType);
}
