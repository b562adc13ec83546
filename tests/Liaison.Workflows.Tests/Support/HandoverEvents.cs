using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handover;

namespace Liaison.Workflows.Tests.Support;

/// <summary>Handover plans, records and steps with SYNTHETIC people.</summary>
public static class HandoverEvents
{
    public const string Id = "ho-1";

    public const string Gate = "VN-LAOCAI/CN-HEKOU";

    public static BorderGate LaoCaiGate { get; } = new(Gate, "Cửa khẩu quốc tế Lào Cai – Hà Khẩu", "老街—河口国际口岸", "Lao Cai–Hekou international border gate", Liaison.Workflows.Calendar.LegalTimeZones.Vietnam);

    public static HandoverPolicy Policy { get; } = new(
    [
        LaoCaiGate,
        new BorderGate("VN-MUONGKHUONG/CN-MAGUAN", "Cửa khẩu Mường Khương", "马关口岸", "Muong Khuong–Maguan border gate", Liaison.Workflows.Calendar.LegalTimeZones.Vietnam),
    ]);

    public static readonly DateTimeOffset Start = new(2026, 4, 1, 2, 0, 0, TimeSpan.Zero);

    public static HandoverPlan Plan(DateTimeOffset windowStart, string gate = Gate) => new()
    {
        People =
        {
            new HandoverPerson { PersonId = "p-1", Sex = Sex.Female, BirthYear = 2007, VerificationWorkflowId = "vr-1",
                Names = { new PersonName { Name = Texts.Vi("Người Tổng Hợp"), Script = NameScript.Vietnamese, Kind = NameKind.Primary } } },
            new HandoverPerson { PersonId = "p-2", Sex = Sex.Male, BirthYear = 2025, AccompaniesPersonId = "p-1" },
            new HandoverPerson { PersonId = "p-3", Sex = Sex.Female, BirthYear = 2001 },
        },
        BorderGateId = gate,
        WindowStart = Timestamp.FromDateTimeOffset(windowStart),
        WindowEnd = Timestamp.FromDateTimeOffset(windowStart.AddHours(4)),
        Escorts = { new Escort { OfficerId = "cn-escort-1", Side = Party.Initiator, Role = Texts.Zh("护送民警") } },
        Interpreter = new Interpreter { InterpreterId = "int-1", Languages = { "hmn", "zh", "vi" } },
        Documents = { new HandoverDocument { PersonId = "p-1", Document = new IdentityDocument { Kind = DocumentKind.BorderPass, Number = "X0000", IssuingCountry = "VN" } } },
        Belongings = { new Belonging { PersonId = "p-1", Description = Texts.En("Backpack"), Quantity = 1 } },
    };

    public static WorkflowEvent Propose(HandoverPlan plan, string id = Id) => Step(id, "cn-officer-1", e => e.HandoverProposal = new HandoverProposal { Plan = plan });

    public static WorkflowEvent CounterPropose(HandoverPlan plan, string id = Id) =>
        Step(id, "vn-officer-1", e => e.HandoverCounterProposal = new HandoverCounterProposal { Plan = plan, Reason = Texts.Vi("Đổi ngày") });

    public static WorkflowEvent Accept(string id = Id) => Step(id, "vn-officer-1", e => e.HandoverAcceptance = new HandoverAcceptance());

    public static WorkflowEvent Decline(string id = Id) => Step(id, "vn-officer-1", e => e.HandoverDecline = new HandoverDecline { Reason = Texts.Vi("Không đồng ý") });

    public static WorkflowEvent Confirm(string id = Id) => Step(id, "cn-officer-1", e => e.HandoverConfirmation = new HandoverConfirmation());

    public static WorkflowEvent Cancel(string id = Id) => Step(id, "cn-officer-1", e => e.HandoverCancellation = new HandoverCancellation { Reason = Texts.En("Road closed by landslide") });

    public static WorkflowEvent RollCall(string id = Id) => Step(id, "vn-officer-1", e => e.HandoverRollCall = new HandoverRollCall
    {
        Entries =
        {
            new RollCallEntry { PersonId = "p-1", Presence = RollCallPresence.Present },
            new RollCallEntry { PersonId = "p-2", Presence = RollCallPresence.Present },
            new RollCallEntry { PersonId = "p-3", Presence = RollCallPresence.Missing, Reason = Texts.Zh("住院（合成）") },
        },
    });

    /// <summary>The record of the people present at <see cref="RollCall"/>.</summary>
    public static HandoverRecord Record(HandoverPlan plan, DateTimeOffset at, string id = Id)
    {
        var record = new HandoverRecord
        {
            WorkflowId = id,
            BorderGateId = plan.BorderGateId,
            HandedOverAt = Timestamp.FromDateTimeOffset(at),
            People = { plan.People.Where(p => p.PersonId != "p-3") },
            Documents = { plan.Documents },
            Belongings = { plan.Belongings },
            Escorts = { plan.Escorts },
            Interpreter = plan.Interpreter,
            ChildrenPersonIds = { "p-2" },
        };
        return record;
    }

    public static WorkflowEvent Sign(HandoverRecord record, TestNode signer, string id = Id) =>
        Step(id, $"{signer.NodeId}-officer", e => e.HandoverRecordSignature = new HandoverRecordSignature
        {
            Record = record,
            Signature = Signatures.By(signer, HandoverRecordDigest.SigningBytes(record)),
        });

    public static WorkflowEvent Complete(HandoverRecord record, string id = Id) =>
        Step(id, "vn-officer-1", e => e.HandoverCompletion = new HandoverCompletion { RecordDigest = ByteString.CopyFrom(HandoverRecordDigest.Of(record)) });

    private static WorkflowEvent Step(string id, string officer, Action<WorkflowEvent> set)
    {
        var e = new WorkflowEvent { WorkflowId = id, CaseReference = "HO-2026-0001", OfficerId = officer };
        set(e);
        return e;
    }
}
