using Google.Protobuf;
using Liaison.Cli.Rendering;
using Liaison.Workflow.V1;
using Liaison.Workflows.Criteria;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// Criteria version 1 agreed: Lao Cai proposes a small catalogue of indicators in Vietnamese,
/// Chinese and English, effective from yesterday; Yunnan endorses it. Each gateway signs for its
/// side (the steps go unsigned). A data directory that already holds the agreed version keeps it:
/// a version number is agreed once.
/// </summary>
internal static class CriteriaWalk
{
    public const string WorkflowId = "cr-demo-v1";

    /// <summary>The border's local date (UTC+7), on which effective dates turn.</summary>
    private static readonly TimeSpan BorderOffset = CriteriaRegistry.DefaultDayStartOffset;

    /// <summary>Runs the walk; returns the agreed version as a verification cites it.</summary>
    public static async Task<CriteriaReference> RunAsync(WorkflowWalk walk, TimeProvider time, CancellationToken cancellationToken)
    {
        walk.Part("Criteria: both sides agree on version 1 of the victim-identification criteria (LiaisonWorkflowService).");
        var existing = await WorkflowWalk.FindAsync(walk.LaoCai, WorkflowId, cancellationToken);
        if (existing is null)
        {
            var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(BorderOffset).DateTime);
            var catalogue = Catalogue(today.AddDays(-1));
            await walk.TakeAsync(walk.LaoCai, Propose(catalogue), "Proposed", $"proposes criteria version 1, {catalogue.Indicators.Count} indicators in vi/zh/en, effective from {Iso(today.AddDays(-1))}; its gateway signs the digest", cancellationToken);
        }

        var state = (await WorkflowWalk.AtAsync(walk.Yunnan, WorkflowId, existing?.State ?? "Proposed", cancellationToken)).State;
        if (state != "Agreed")
        {
            await walk.TakeAsync(walk.Yunnan, Endorse(), "Agreed", "endorses the pending version; its gateway names the pending digest and signs it", cancellationToken);
        }
        else
        {
            walk.Output.WriteLine("Version 1 was agreed in an earlier run on this data directory; it stays the version in force.");
        }

        var (atLaoCai, atYunnan) = await walk.BothAtAsync(WorkflowId, "Agreed", cancellationToken);
        var proposed = atLaoCai.Steps.First(s => s.Event.EventCase == WorkflowEvent.EventOneofCase.CriteriaProposal).Event.CriteriaProposal.Catalogue;
        var digest = CriteriaDigest.Of(proposed);
        var endorsed = atYunnan.Steps.Last(s => s.Event.EventCase == WorkflowEvent.EventOneofCase.CriteriaEndorsement).Event.CriteriaEndorsement;
        walk.Output.WriteField("In force", $"version {proposed.Version} from {Iso(proposed.EffectiveFrom)} on both sides, SHA-256 {Display.Hex(digest)}");
        walk.Output.WriteField("Signed by", $"{atLaoCai.Steps[0].Event.CriteriaProposal.ProposerSignature.SignerNode} (proposer) and {endorsed.EndorserSignature.SignerNode} (endorser)");
        walk.Output.WriteField("Indicators", string.Join(", ", proposed.Indicators.Select(i => i.Code)));
        return new CriteriaReference { Version = proposed.Version, Digest = ByteString.CopyFrom(digest) };
    }

    /// <summary>The indicator codes a request may cite from the demo's catalogue.</summary>
    public static IReadOnlyList<string> ObservedIndicators { get; } = ["REC-01", "CTL-01", "EXP-01"];

    private static CriteriaCatalogue Catalogue(DateOnly effectiveFrom) => new()
    {
        Version = 1,
        EffectiveFrom = new CivilDate { Year = effectiveFrom.Year, Month = effectiveFrom.Month, Day = effectiveFrom.Day },
        Indicators =
        {
            Indicator("REC-01", IndicatorCategory.Recruitment, "Được hứa hẹn việc làm lương cao ở nước ngoài", "被承诺在国外从事高薪工作", "Promised a well-paid job abroad"),
            Indicator("MOV-01", IndicatorCategory.Movement, "Được đưa qua biên giới bằng đường mòn, không qua cửa khẩu", "经便道而非口岸被带过边境", "Taken across the border away from a border gate"),
            Indicator("EXP-01", IndicatorCategory.Exploitation, "Bị ép kết hôn", "被迫结婚", "Forced into marriage"),
            Indicator("CTL-01", IndicatorCategory.Control, "Bị giữ giấy tờ tùy thân", "身份证件被扣押", "Identity documents withheld"),
            Indicator("MIN-01", IndicatorCategory.Minors, "Trẻ em đi cùng không có cha mẹ hoặc người giám hộ", "儿童无父母或监护人陪同", "A child travelling without a parent or guardian"),
        },
    };

    private static CriteriaIndicator Indicator(string code, IndicatorCategory category, string vi, string zh, string en) =>
        new() { Code = code, Category = category, TextVi = vi, TextZh = zh, TextEn = en };

    private static WorkflowEvent Propose(CriteriaCatalogue catalogue) => new()
    {
        WorkflowId = WorkflowId,
        OfficerId = "vn-officer-7",
        CriteriaProposal = new CriteriaProposal { Catalogue = catalogue },
    };

    // No digest and no signature: Yunnan's gateway endorses the version pending there and signs it.
    private static WorkflowEvent Endorse() => new()
    {
        WorkflowId = WorkflowId,
        OfficerId = "cn-officer-3",
        CriteriaEndorsement = new CriteriaEndorsement(),
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Iso(CivilDate date) => Iso(new DateOnly(date.Year, date.Month, date.Day));
}
