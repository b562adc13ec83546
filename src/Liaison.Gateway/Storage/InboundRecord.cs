using System.Diagnostics.CodeAnalysis;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Liaison.Gateway.Storage.Internal;

namespace Liaison.Gateway.Storage;

/// <summary>
/// An envelope that arrived and has been through the opener: accepted with its
/// payload, or refused with a reason. <see cref="TryFrom"/> builds one from the
/// opener's result.
/// </summary>
public sealed record InboundRecord
{
    public required Guid EnvelopeId { get; init; }

    /// <summary>The sender node, as the header names it.</summary>
    public required string PeerNode { get; init; }

    public required string MessageType { get; init; }

    public string CaseReference { get; init; } = "";

    public string CorrelationId { get; init; } = "";

    public Priority Priority { get; init; } = Priority.Routine;

    public required ulong Sequence { get; init; }

    /// <summary>The envelope exactly as received.</summary>
    public required ReadOnlyMemory<byte> EnvelopeBytes { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The decrypted payload: required when accepted, absent when refused.</summary>
    public ReadOnlyMemory<byte>? Payload { get; init; }

    /// <summary><see cref="RejectionReason.Unspecified"/> when the envelope was accepted.</summary>
    public RejectionReason RejectionReason { get; init; } = RejectionReason.Unspecified;

    public bool IsAccepted => RejectionReason == RejectionReason.Unspecified;

    /// <summary>
    /// The record of an opened envelope, when its header identifies it well enough
    /// to keep: an envelope id, an expiry and well-formed identifiers. Otherwise,
    /// record the refusal with <see cref="IGatewayStore.RecordUnreadableRejectionAsync"/>.
    /// </summary>
    public static bool TryFrom(EnvelopeOpenResult opened, ReadOnlyMemory<byte> envelopeBytes, [NotNullWhen(true)] out InboundRecord? record)
    {
        ArgumentNullException.ThrowIfNull(opened);
        record = null;
        if (opened.Header is not { ExpiresAt: not null } header || opened.EnvelopeId is not { } envelopeId
            || HeaderFields.Problem(header.SenderNode, header.MessageType, header.CaseReference, header.CorrelationId, header.Priority) is not null)
        {
            return false;
        }

        record = new InboundRecord
        {
            EnvelopeId = envelopeId,
            PeerNode = header.SenderNode,
            MessageType = header.MessageType,
            CaseReference = header.CaseReference,
            CorrelationId = header.CorrelationId,
            Priority = header.Priority,
            Sequence = header.Sequence,
            EnvelopeBytes = envelopeBytes,
            ExpiresAt = header.ExpiresAt.ToDateTimeOffset(),
            Payload = OptionalBytes.From(opened.Payload),
            RejectionReason = opened.Reason,
        };
        return true;
    }

    /// <exception cref="ArgumentException">A field breaks its syntax, or the payload does not match the outcome.</exception>
    internal void Validate()
    {
        HeaderFields.Validate(PeerNode, MessageType, CaseReference, CorrelationId, Priority);
        if (!Enum.IsDefined(RejectionReason))
        {
            throw new ArgumentException("The rejection reason is not one the envelope format defines.", nameof(RejectionReason));
        }

        if (IsAccepted != Payload.HasValue)
        {
            throw new ArgumentException("An accepted envelope comes with its payload; a refused one without.", nameof(Payload));
        }
    }
}
