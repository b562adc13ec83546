using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Liaison.Cli.Rendering;
using Liaison.Gateway.Workflows;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handover;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// The repatriation handover of the person Yunnan identified: Yunnan proposes a window four days
/// ahead at the Lao Cai–Hekou gate (the 3 days' notice holds), Lao Cai accepts, Yunnan confirms;
/// then the demo clock moves to the handover's day, since the roll-call is held to the agreed
/// window, and at the gate come the roll-call, the record signed by both sides (each gateway
/// signs for its officer) and the completion.
/// </summary>
internal static class HandoverWalk
{
    private const string PersonId = "p-1";

    /// <summary>How far ahead the handover's window starts.</summary>
    private static readonly TimeSpan Notice = TimeSpan.FromDays(4);

    /// <summary>How far the demo clock moves during the walk-through, with room for the steps after the handover.</summary>
    public static readonly TimeSpan ClockSpan = Notice + TimeSpan.FromHours(1);

    public static async Task<string> RunAsync(WorkflowWalk walk, string verificationId, DemoClock time, CancellationToken cancellationToken)
    {
        var id = $"ho-demo-{walk.RunId}";
        // The demo gateways run on the default gates.
        var gate = WorkflowDefaults.BorderGates[0];
        var windowStart = time.GetUtcNow().Add(Notice);
        var plan = Plan(gate.Code, windowStart, verificationId);
        walk.Part($"Handover: Yunnan hands the person over to Lao Cai at the {gate.NameEn} ({gate.Code}), with at least 3 days' notice.");

        await walk.TakeAsync(walk.Yunnan, Step(id, "cn-officer-3", e => e.HandoverProposal = new HandoverProposal { Plan = plan }), "Proposed",
            $"proposes the plan: window {Display.Time(windowStart)} to {Display.Time(windowStart.AddHours(4))}, {Display.Count(plan.People.Count, "person")} (from {verificationId}), {Display.Count(plan.Escorts.Count, "escort")}, an interpreter", cancellationToken);
        await walk.TakeAsync(walk.LaoCai, Step(id, "vn-officer-7", e => e.HandoverAcceptance = new HandoverAcceptance()), "Accepted", "accepts the plan as it stands", cancellationToken);
        await walk.TakeAsync(walk.Yunnan, Step(id, "cn-officer-3", e => e.HandoverConfirmation = new HandoverConfirmation()), "Confirmed", "confirms the accepted plan; it is now agreed", cancellationToken);

        // The roll-call is refused outside the agreed window (give or take 2 hours): the demo does not wait four days, it moves its clock.
        var atGate = windowStart.AddMinutes(15);
        time.AdvanceTo(atGate);
        var local = TimeZoneInfo.ConvertTime(atGate, gate.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        walk.Output.WriteLine();
        walk.Output.WriteLine($"(Demo clock advanced to the handover's day: {local} at the gate ({gate.TimeZone.Id}), {Display.Time(atGate)}.)");
        var rollCall = new HandoverRollCall { Entries = { new RollCallEntry { PersonId = PersonId, Presence = RollCallPresence.Present } } };
        await walk.TakeAsync(walk.LaoCai, Step(id, "vn-officer-7", e => e.HandoverRollCall = rollCall), "RollCalled", $"calls the roll at the gate on {local[..10]} (demo clock advanced) against the agreed list: {PersonId} present", cancellationToken);

        var record = Record(id, plan, time.GetUtcNow());
        await walk.TakeAsync(walk.Yunnan, Step(id, "cn-officer-3", e => e.HandoverRecordSignature = new HandoverRecordSignature { Record = record }), "Signing",
            "signs the handover record (people, documents, escort, interpreter); its gateway signs for the officer", cancellationToken);

        // Lao Cai signs the record exactly as Yunnan signed it, read from its own gateway.
        var atLaoCai = await WorkflowWalk.AtAsync(walk.LaoCai, id, "Signing", cancellationToken);
        var theirs = atLaoCai.Steps.Last(s => s.Event.EventCase == WorkflowEvent.EventOneofCase.HandoverRecordSignature).Event.HandoverRecordSignature.Record;
        await walk.TakeAsync(walk.LaoCai, Step(id, "vn-officer-7", e => e.HandoverRecordSignature = new HandoverRecordSignature { Record = theirs }), "Signing",
            "countersigns the same record, as received from Yunnan; its gateway signs for the officer", cancellationToken);

        var digest = HandoverRecordDigest.Of(theirs);
        var (_, completed) = await walk.TakeAsync(walk.LaoCai, Step(id, "vn-officer-7", e => e.HandoverCompletion = new HandoverCompletion { RecordDigest = ByteString.CopyFrom(digest) }), "Completed",
            "completes the handover: both sides signed the same record", cancellationToken);
        var signers = completed.Steps.Where(s => s.Event.EventCase == WorkflowEvent.EventOneofCase.HandoverRecordSignature).Select(s => s.Event.HandoverRecordSignature.Signature.SignerNode);
        walk.Output.WriteField("Record digest", $"SHA-256 {Display.Hex(digest)}, signed by {string.Join(" and ", signers)}");
        return id;
    }

    // SYNTHETIC people and ids; the plan's names are never printed.
    internal static HandoverPlan Plan(string gate, DateTimeOffset windowStart, string verificationId) => new()
    {
        People =
        {
            new HandoverPerson
            {
                PersonId = PersonId,
                Names = { new PersonName { Name = new LocalizedText { Language = "vi", Text = "Sùng Thị Tổng Hợp" }, Script = NameScript.Vietnamese, Kind = NameKind.Primary } },
                Sex = Sex.Female,
                BirthYear = 2006,
                VerificationWorkflowId = verificationId,
            },
        },
        BorderGateId = gate,
        WindowStart = Timestamp.FromDateTimeOffset(windowStart),
        WindowEnd = Timestamp.FromDateTimeOffset(windowStart.AddHours(4)),
        Escorts = { new Escort { OfficerId = "cn-escort-1", Side = Party.Initiator, Role = new LocalizedText { Language = "zh-Hans", Text = "护送民警" } } },
        Interpreter = new Interpreter { InterpreterId = "int-hmn-1", Languages = { "hmn", "zh", "vi" } },
    };

    private static HandoverRecord Record(string id, HandoverPlan plan, DateTimeOffset handedOverAt) => new()
    {
        WorkflowId = id,
        BorderGateId = plan.BorderGateId,
        HandedOverAt = Timestamp.FromDateTimeOffset(handedOverAt),
        People = { plan.People },
        Escorts = { plan.Escorts },
        Interpreter = plan.Interpreter,
    };

    private static WorkflowEvent Step(string id, string officer, Action<WorkflowEvent> set)
    {
        var step = new WorkflowEvent { WorkflowId = id, CaseReference = officer.StartsWith("vn-", StringComparison.Ordinal) ? VerificationWalk.LaoCaiCase : VerificationWalk.YunnanCase, OfficerId = officer };
        set(step);
        return step;
    }
}
