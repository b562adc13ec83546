using Google.Protobuf;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Criteria;

/// <summary>
/// The state of one criteria negotiation. The pending (or agreed) catalogue
/// is kept as its canonical bytes, which are immutable; <see cref="Catalogue"/>
/// parses a fresh copy each time.
/// </summary>
public sealed record CriteriaState
{
    /// <summary>The workflow id.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>Where it stands.</summary>
    public required CriteriaStatus Status { get; init; }

    /// <summary>The side that authored the pending (or agreed) catalogue.</summary>
    public required Party PendingBy { get; init; }

    /// <summary>The canonical bytes of the pending (or agreed) catalogue.</summary>
    public required ByteString CatalogueBytes { get; init; }

    /// <summary>Its version number and digest.</summary>
    public required CriteriaVersionId Version { get; init; }

    /// <summary>Its effective date.</summary>
    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The signature of the side that proposed the pending catalogue.</summary>
    public required SignatureRecord ProposerSignature { get; init; }

    /// <summary>The other side's signature over the same digest, once agreed.</summary>
    public SignatureRecord? EndorserSignature { get; init; }

    /// <summary>When both signatures were present.</summary>
    public DateTimeOffset? AgreedAt { get; init; }

    /// <summary>When the last step was applied.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A fresh copy of the pending (or agreed) catalogue.</summary>
    public CriteriaCatalogue Catalogue => CriteriaCatalogue.Parser.ParseFrom(CatalogueBytes);

    /// <summary>True once agreed or rejected.</summary>
    public bool IsFinal => Status is CriteriaStatus.Agreed or CriteriaStatus.Rejected;
}
