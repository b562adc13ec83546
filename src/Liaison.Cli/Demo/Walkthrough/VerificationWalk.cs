using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Liaison.Cli.Commands;
using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;
using Liaison.Workflow.V1;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// A verification request with a photograph: Lao Cai uploads the (synthetic) photo, sends the
/// request citing criteria version 1 and the photo, under handling code H1; Yunnan downloads the
/// photo with its hash checked and answers: identity confirmed, a victim under version 1.
/// </summary>
internal static class VerificationWalk
{
    public const string LaoCaiCase = "LC-2026-0042";
    public const string YunnanCase = "YN-2026-0007";

    public static async Task<string> RunAsync(WorkflowWalk walk, CriteriaReference criteria, CancellationToken cancellationToken)
    {
        var id = $"vr-demo-{walk.RunId}";
        walk.Part("Verification: Lao Cai asks Yunnan to verify a person found in Lao Cai, with a photograph (LiaisonAttachmentService, then LiaisonWorkflowService).");

        var photo = SyntheticPhoto.Create();
        var metadata = new AttachmentMetadata
        {
            RequestId = $"demo-{id}-photo",
            RecipientNode = walk.Yunnan.NodeId,
            CaseReference = LaoCaiCase,
            CorrelationId = id,
            MediaType = SyntheticPhoto.MediaType,
            SizeBytes = (ulong)photo.Length,
            Sha256 = ByteString.CopyFrom(SHA256.HashData(photo)),
        };
        walk.Output.WriteLine();
        walk.Output.WriteLine("Lao Cai: uploads the photograph (UploadAttachment, streamed in pieces); it is a SYNTHETIC test pattern, not a photo of anyone.");
        Attachment sent;
        using (var file = new MemoryStream(photo, writable: false))
        {
            sent = await AttachmentTransfer.UploadAsync(walk.LaoCai.Attachments, metadata, file, cancellationToken);
        }

        walk.Output.WriteField("Attachment", $"{sent.Name}, {Display.Count((long)sent.SizeBytes, "byte")} {sent.MediaType} in {Display.Count(sent.ChunkCount, "chunk")}, {Display.Enum(sent.State)}");
        walk.Output.WriteField("SHA-256", Display.Hex(metadata.Sha256));
        var photoReference = new AttachmentReference { AttachmentId = sent.AttachmentId, MediaType = metadata.MediaType, SizeBytes = metadata.SizeBytes, Sha256 = metadata.Sha256 };
        var request = Request(id, criteria, photoReference);
        var (submitted, _) = await walk.TakeAsync(walk.LaoCai, request, "Requested", $"sends the verification request (case {LaoCaiCase}, handling H1, source B, accuracy 2, criteria v1, {Display.Count(request.VerificationRequest.IndicatorCodes.Count, "indicator")}, the photograph)", cancellationToken);
        await MessageTrail.FollowAsync(walk.Output, walk.LaoCai, submitted.Message, cancellationToken);
        var received = await MessageTrail.FindInInboxAsync(walk.Yunnan, submitted.Message.EnvelopeId, cancellationToken);
        walk.Output.WriteField("Inbox", MessageRenderer.Line(received));
        var fetched = await walk.Yunnan.Messages.FetchMessageAsync(new FetchMessageRequest { Name = received.Name }, cancellationToken: cancellationToken);
        var intact = fetched.Payload.Span.SequenceEqual(request.ToByteArray());
        walk.Output.WriteField("Fetched payload", $"{Display.Count(fetched.Payload.Length, "byte")}, SHA-256 {Display.Hex(SHA256.HashData(fetched.Payload.Span))}, identical to what Lao Cai sent: {intact}");
        if (!intact)
        {
            throw new CliException("The request Yunnan stored differs from the one Lao Cai sent.");
        }

        await DownloadAsync(walk, request.VerificationRequest.Attachments[0], cancellationToken);

        var (answered, atLaoCai) = await walk.TakeAsync(walk.Yunnan, Answer(id, criteria), "Answered", $"answers: identity confirmed, a victim under criteria v1 (its case {YunnanCase}, handling H1)", cancellationToken);
        walk.Output.WriteField("Markings", string.Join("; ", atLaoCai.Markings.Select(Display.Untrusted)));
        walk.Output.WriteField("Answer due", $"{Display.Time(answered.Workflow.VerificationDueTime)} (20 working days in China), overdue: {(atLaoCai.Overdue ? "yes" : "no")}");
        return id;
    }

    private static async Task DownloadAsync(WorkflowWalk walk, AttachmentReference reference, CancellationToken cancellationToken)
    {
        walk.Output.WriteLine();
        walk.Output.WriteLine("Yunnan: downloads the photograph the request cites (GetAttachment until received, then DownloadAttachment).");
        var name = "attachments/" + reference.AttachmentId;
        await DemoPolling.UntilAsync(
            async ct =>
            {
                try
                {
                    return (await walk.Yunnan.Attachments.GetAttachmentAsync(new GetAttachmentRequest { Name = name }, cancellationToken: ct)).Attachment;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
                {
                    return null;
                }
            },
            a => a.State == AttachmentState.Received,
            $"{name} to be received at {walk.Yunnan.NodeId}",
            cancellationToken);

        // The bytes are personal data in real use: hashed and discarded here, never written or shown.
        var (attachment, length, sha256) = await AttachmentTransfer.DownloadAsync(walk.Yunnan.Attachments, name, Stream.Null, cancellationToken);
        var matches = reference.Sha256.Span.SequenceEqual(sha256) && (ulong)length == reference.SizeBytes;
        walk.Output.WriteField("Downloaded", $"{Display.Count(length, "byte")} {Display.Untrusted(attachment.MediaType)}, {Display.Enum(attachment.State)}, SHA-256 matches the request's reference: {matches}");
        if (!matches)
        {
            throw new CliException("The photograph Yunnan downloaded is not the one the request cites.");
        }
    }

    /// <summary>The request with the demo's synthetic personal data; internal for the privacy and secrets scans, which look for every field of it.</summary>
    internal static WorkflowEvent Request(string id, CriteriaReference criteria, AttachmentReference photo) => new()
    {
        WorkflowId = id,
        CaseReference = LaoCaiCase,
        OfficerId = "vn-officer-7",
        VerificationRequest = new VerificationRequest
        {
            // SYNTHETIC personal data, marked as such; never printed.
            Names =
            {
                new PersonName { Name = Vi("Sùng Thị Tổng Hợp"), Script = NameScript.Vietnamese, Kind = NameKind.Primary },
                new PersonName { Name = new LocalizedText { Language = "zh-Hans", Text = "宋氏合成" }, Script = NameScript.Chinese, Kind = NameKind.Alias },
                new PersonName { Name = new LocalizedText { Language = "en", Text = "Song Shi Hecheng" }, Script = NameScript.Pinyin, Kind = NameKind.Alias },
            },
            Sex = Sex.Female,
            EstimatedAge = new EstimatedAge { MinYears = 17, MaxYears = 20 },
            Ethnicity = Vi("H'Mông"),
            SpokenLanguages = { "hmn", "vi" },
            ClaimedResidence = new ClaimedResidence { Village = Vi("Thôn Mẫu Thử"), Commune = Vi("Xã Mẫu Thử"), District = Vi("Huyện Mẫu Thử"), Province = Vi("Lào Cai"), Country = "VN" },
            Documents = { SyntheticDocument },
            FoundPlace = Vi("Chợ Mẫu Thử (tổng hợp)"),
            SourceDetails = Vi("Người báo tin (tổng hợp), điện thoại 0912 000 731"),
            FoundAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero)),
            Source = InformationSource.LawEnforcement,
            Criteria = criteria,
            IndicatorCodes = { CriteriaWalk.ObservedIndicators },
            Urgency = Urgency.Priority,
            Attachments = { photo },
            Handling = new HandlingInstructions { Code = HandlingCode.H1, SourceReliability = SourceReliability.B, InformationAccuracy = InformationAccuracy._2 },
        },
    };

    internal static WorkflowEvent Answer(string id, CriteriaReference criteria) => new()
    {
        WorkflowId = id,
        CaseReference = YunnanCase,
        OfficerId = "cn-officer-3",
        VerificationAnswer = new VerificationAnswer
        {
            Outcome = VerificationOutcome.Confirmed,
            Identified = new IdentifiedDetails { DateOfBirth = new CivilDate { Year = 2006, Month = 1, Day = 1 }, Documents = { SyntheticDocument } },
            Determination = VictimDetermination.Victim,
            Criteria = criteria,
            ResponderCaseReference = YunnanCase,
            Handling = new HandlingInstructions { Code = HandlingCode.H1, SourceReliability = SourceReliability.A, InformationAccuracy = InformationAccuracy._1 },
        },
    };

    // A SYNTHETIC number of no real document.
    private static IdentityDocument SyntheticDocument => new() { Kind = DocumentKind.NationalIdCard, Number = "SYN042006000731", IssuingCountry = "VN" };

    private static LocalizedText Vi(string text) => new() { Language = "vi", Text = text };
}
