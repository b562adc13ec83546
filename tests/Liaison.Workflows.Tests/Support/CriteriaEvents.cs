using Google.Protobuf;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Criteria catalogues and steps, signed with real keys.</summary>
public static class CriteriaEvents
{
    public const string Id = "cr-2026-1";

    public static CriteriaCatalogue Catalogue(uint version = 1, byte[]? previous = null, params CriteriaIndicator[] extra)
    {
        var catalogue = new CriteriaCatalogue
        {
            Version = version,
            PreviousVersionDigest = previous is null ? ByteString.Empty : ByteString.CopyFrom(previous),
            EffectiveFrom = new CivilDate { Year = 2026, Month = 7, Day = 1 },
            Indicators =
            {
                Indicator("REC-01", IndicatorCategory.Recruitment, "Hứa hẹn việc làm lương cao", "承诺高薪工作", "Promise of a well-paid job"),
                Indicator("CTL-01", IndicatorCategory.Control, "Bị giữ giấy tờ tùy thân", "身份证件被扣押", "Identity documents withheld"),
            },
        };
        catalogue.Indicators.AddRange(extra);
        return catalogue;
    }

    public static CriteriaIndicator Indicator(string code, IndicatorCategory category, string vi, string zh, string en) =>
        new() { Code = code, Category = category, TextVi = vi, TextZh = zh, TextEn = en };

    public static WorkflowEvent Propose(CriteriaCatalogue catalogue, TestNode signer, string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = $"{signer.NodeId}-officer",
        CriteriaProposal = new CriteriaProposal
        {
            Catalogue = catalogue,
            ProposerSignature = Signatures.By(signer, CriteriaDigest.SigningBytes(catalogue)),
        },
    };

    public static WorkflowEvent Endorse(CriteriaCatalogue catalogue, TestNode signer, string id = Id) => EndorseDigest(CriteriaDigest.Of(catalogue), signer, id);

    public static WorkflowEvent EndorseDigest(byte[] digest, TestNode signer, string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = $"{signer.NodeId}-officer",
        CriteriaEndorsement = new CriteriaEndorsement
        {
            CatalogueDigest = ByteString.CopyFrom(digest),
            EndorserSignature = Signatures.By(signer, WorkflowSigning.CriteriaCatalogueBytes(digest)),
        },
    };

    public static WorkflowEvent CounterPropose(CriteriaCatalogue catalogue, TestNode signer, string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = $"{signer.NodeId}-officer",
        CriteriaCounterProposal = new CriteriaCounterProposal
        {
            Catalogue = catalogue,
            ProposerSignature = Signatures.By(signer, CriteriaDigest.SigningBytes(catalogue)),
            Reason = Texts.En("Add an indicator for minors"),
        },
    };

    public static WorkflowEvent Reject(string id = Id) => new()
    {
        WorkflowId = id,
        OfficerId = "cn-yunnan-officer",
        CriteriaRejection = new CriteriaRejection { Reason = Texts.Zh("不同意") },
    };
}
