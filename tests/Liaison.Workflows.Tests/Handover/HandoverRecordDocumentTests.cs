using System.Xml.Linq;
using Liaison.Workflow.V1;
using Liaison.Workflows.Handover;
using Liaison.Workflows.Localization;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Workflows.Tests.Handover;

public sealed class HandoverRecordDocumentTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Fact]
    public void TheRecordPrintsInBothLanguagesWithEveryPersonAndBothSignaturesOverItsDigest()
    {
        var plan = HandoverEvents.Plan(HandoverEvents.Start);
        var record = HandoverEvents.Record(plan, HandoverEvents.Start);
        var digest = Convert.ToHexStringLower(HandoverRecordDigest.Of(record));
        var state = State(HandoverStatus.Completed, digest);

        var html = Write(record, state);

        var document = XDocument.Parse(html);
        var text = document.Root!.Value;
        Assert.Contains(HandoverRecordLabels.Of("title", Language.Vi), text, StringComparison.Ordinal);
        Assert.Contains(HandoverRecordLabels.Of("title", Language.Zh), text, StringComparison.Ordinal);
        Assert.Contains("Người Tổng Hợp", text, StringComparison.Ordinal);
        Assert.Contains(digest, text, StringComparison.Ordinal);
        Assert.Contains(Labels.Of(DocumentKind.BorderPass, Language.Zh), text, StringComparison.Ordinal);
        // Once as the record's digest, once in each side's signature.
        Assert.Equal(3, document.Descendants(Xhtml + "td").Count(td => td.Value == digest));
        Assert.DoesNotContain(HandoverRecordLabels.Of("not_completed", Language.En), text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGateIsShownByItsNamesInBothLanguagesAndTheTimeInTheGatesZone()
    {
        var plan = HandoverEvents.Plan(HandoverEvents.Start);
        var record = HandoverEvents.Record(plan, HandoverEvents.Start);

        var text = XDocument.Parse(Write(record, State(HandoverStatus.Completed, ""))).Root!.Value;

        Assert.Contains("Cửa khẩu quốc tế Lào Cai – Hà Khẩu / 老街—河口国际口岸 (VN-LAOCAI/CN-HEKOU)", text, StringComparison.Ordinal);
        // Start is 02:00 UTC: 09:00 at the gate.
        Assert.Contains("2026-04-01 09:00 (Asia/Ho_Chi_Minh), 2026-04-01 02:00 UTC", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordNotYetSignedByBothSidesSaysSoInBold()
    {
        var plan = HandoverEvents.Plan(HandoverEvents.Start);
        var record = HandoverEvents.Record(plan, HandoverEvents.Start);
        var state = State(HandoverStatus.Signing, Convert.ToHexStringLower(HandoverRecordDigest.Of(record))) with { ResponderSignature = null };

        var html = Write(record, state);

        Assert.Contains(HandoverRecordLabels.Of("not_completed", Language.Vi), html, StringComparison.Ordinal);
        Assert.Single(XDocument.Parse(html).Descendants(Xhtml + "p"), p => (string?)p.Attribute("class") == "warning");
    }

    [Fact]
    public void MarkupInARecordsTextIsEscapedNotInterpreted()
    {
        var plan = HandoverEvents.Plan(HandoverEvents.Start);
        var record = HandoverEvents.Record(plan, HandoverEvents.Start);
        record.Belongings[0].Description = Texts.En("<script>alert(1)</script>");

        var html = Write(record, State(HandoverStatus.Completed, ""));

        Assert.Empty(XDocument.Parse(html).Descendants(Xhtml + "script"));
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryHeadingHasAllThreeLanguages()
    {
        foreach (var key in HandoverRecordLabels.Keys)
        {
            Assert.All(new[] { Language.Vi, Language.Zh, Language.En }, l => Assert.False(string.IsNullOrWhiteSpace(HandoverRecordLabels.Of(key, l))));
        }
    }

    private static string Write(HandoverRecord record, HandoverState state)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        HandoverRecordDocument.WriteHtml(record, state, Language.Vi, Language.Zh, writer);
        return writer.ToString();
    }

    private static HandoverState State(HandoverStatus status, string digest) => new()
    {
        WorkflowId = HandoverEvents.Id,
        Status = status,
        PendingBy = Party.Unspecified,
        PlanBytes = Google.Protobuf.ByteString.Empty,
        PersonIds = ["p-1", "p-2", "p-3"],
        BorderGateId = HandoverEvents.Gate,
        Gate = HandoverEvents.LaoCaiGate,
        WindowStart = HandoverEvents.Start,
        WindowEnd = HandoverEvents.Start.AddHours(4),
        InitiatorSignature = new SignatureRecord(Party.Initiator, "cn-officer-1", "cn-yunnan", "00", "KEY_ALGORITHM_SM2_SIGN", digest, HandoverEvents.Start),
        ResponderSignature = new SignatureRecord(Party.Responder, "vn-officer-1", "vn-laocai", "01", "KEY_ALGORITHM_ED25519", digest, HandoverEvents.Start),
        UpdatedAt = HandoverEvents.Start,
    };
}
