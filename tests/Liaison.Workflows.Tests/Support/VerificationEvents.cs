using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Workflow.V1;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Verification steps with SYNTHETIC data.</summary>
public static class VerificationEvents
{
    public const string Id = "vr-1";

    public static CriteriaReference CriteriaV1 { get; } = new() { Version = 1, Digest = ByteString.CopyFrom(new byte[32]) };

    public static WorkflowEvent Request(string id = Id, HandlingCode code = HandlingCode.H1, string? restriction = null) => new()
    {
        WorkflowId = id,
        CaseReference = "LC-2026-0042",
        OfficerId = "vn-officer-7",
        VerificationRequest = new VerificationRequest
        {
            Names =
            {
                new PersonName { Name = Texts.Vi("Giàng Thị Mỷ (TỔNG HỢP)"), Script = NameScript.Vietnamese, Kind = NameKind.Primary },
                new PersonName { Name = Texts.Zh("王美（合成）"), Script = NameScript.Chinese, Kind = NameKind.Alias },
                new PersonName { Name = Texts.En("Wang Mei"), Script = NameScript.Pinyin, Kind = NameKind.Alias },
            },
            Sex = Sex.Female,
            EstimatedAge = new EstimatedAge { MinYears = 16, MaxYears = 19 },
            Ethnicity = Texts.Vi("H'Mông"),
            SpokenLanguages = { "hmn", "vi" },
            ClaimedResidence = new ClaimedResidence
            {
                Village = Texts.Vi("Thôn Tổng Hợp"),
                Commune = Texts.Vi("Xã Mẫu"),
                District = Texts.Vi("Huyện Mẫu"),
                Province = Texts.Vi("Lào Cai"),
                Country = "VN",
            },
            Documents = { new IdentityDocument { Kind = DocumentKind.NationalIdCard, Number = "000000000000", IssuingCountry = "VN" } },
            FoundPlace = Texts.Zh("河口（合成）"),
            FoundAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)),
            Source = InformationSource.LawEnforcement,
            Criteria = CriteriaV1,
            IndicatorCodes = { "REC-01", "CTL-02" },
            AccompanyingMinors =
            {
                new PersonSummary { Sex = Sex.Male, EstimatedAge = new EstimatedAge { MinYears = 1, MaxYears = 2 }, Relationship = Texts.En("son") },
            },
            Urgency = Urgency.Priority,
            Attachments = { new AttachmentReference { AttachmentId = "att-1", MediaType = "image/jpeg", SizeBytes = 1024, Sha256 = ByteString.CopyFrom(new byte[32]) } },
            Handling = new HandlingInstructions
            {
                Code = code,
                Restriction = restriction is null ? null : Texts.En(restriction),
                SourceReliability = SourceReliability.B,
                InformationAccuracy = InformationAccuracy._2,
            },
        },
    };

    public static WorkflowEvent Answer(VerificationOutcome outcome, VictimDetermination determination = VictimDetermination.Victim, string id = Id)
    {
        var answer = new VerificationAnswer
        {
            Outcome = outcome,
            Determination = determination,
            Criteria = CriteriaV1,
            ResponderCaseReference = "YN-2026-0007",
            Handling = new HandlingInstructions { Code = HandlingCode.H2, SourceReliability = SourceReliability.A, InformationAccuracy = InformationAccuracy._1 },
        };
        if (outcome is VerificationOutcome.Confirmed or VerificationOutcome.PartialMatch)
        {
            answer.Identified = new IdentifiedDetails { DateOfBirth = new CivilDate { Year = 2008, Month = 5, Day = 4 } };
        }
        if (outcome == VerificationOutcome.MoreInformationNeeded)
        {
            answer.InformationNeeded = Texts.Zh("请提供照片（合成）");
        }
        return new WorkflowEvent { WorkflowId = id, CaseReference = "YN-2026-0007", OfficerId = "cn-officer-3", VerificationAnswer = answer };
    }

    public static WorkflowEvent SupplyInformation(string id = Id) => new()
    {
        WorkflowId = id,
        CaseReference = "LC-2026-0042",
        OfficerId = "vn-officer-7",
        VerificationInformationSupplied = new VerificationInformationSupplied { Information = Texts.Vi("Ảnh bổ sung (tổng hợp)") },
    };

    public static WorkflowEvent Withdraw(string id = Id) => new()
    {
        WorkflowId = id,
        CaseReference = "LC-2026-0042",
        OfficerId = "vn-officer-7",
        VerificationWithdrawal = new VerificationWithdrawal { Reason = Texts.En("Person found at home") },
    };
}
