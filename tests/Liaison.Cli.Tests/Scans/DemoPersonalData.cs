using Google.Protobuf;
using Google.Protobuf.Reflection;
using Liaison.Cli.Demo.Walkthrough;
using Liaison.Workflow.V1;

namespace Liaison.Cli.Tests.Scans;

/// <summary>
/// Every personal field the demo submits, read from the demo's own builders (the verification
/// request and answer, the handover plan, the alert), so that a field added to the demo is scanned
/// for too: every text (names in Vietnamese, Chinese and pinyin, ethnicity, village, commune,
/// district, place found, informant's details with a phone number, escort role, alert summary),
/// every document number, every date of birth in the usual spellings, and the photograph's bytes.
/// </summary>
public static class DemoPersonalData
{
    public static IReadOnlyList<Needle> Needles()
    {
        var needles = new List<Needle>();
        foreach (var (name, text) in Texts())
        {
            needles.AddRange(Needle.ForText(name, text));
        }

        var photo = SyntheticPhoto.Create();
        needles.AddRange(Needle.ForBytes("photograph bytes 0-63", photo[..64]));
        needles.AddRange(Needle.ForBytes("photograph bytes 20000-20047", photo[20000..20048]));
        return needles;
    }

    public static IReadOnlyList<(string Name, string Text)> Texts()
    {
        var photo = new AttachmentReference { AttachmentId = "0123456789abcdef0123456789abcdef", MediaType = SyntheticPhoto.MediaType };
        var criteria = new CriteriaReference();
        var texts = new List<(string, string)>();
        Collect(VerificationWalk.Request("vr-scan", criteria, photo).VerificationRequest, "verification request", texts);
        Collect(VerificationWalk.Answer("vr-scan", criteria).VerificationAnswer, "verification answer", texts);
        Collect(HandoverWalk.Plan("gate-scan", DateTimeOffset.UnixEpoch, "vr-scan"), "handover plan", texts);
        texts.Add(("alert summary", AlertWalk.Summary));
        return texts.DistinctBy(t => t.Item2).ToList();
    }

    private static void Collect(IMessage message, string path, List<(string, string)> texts)
    {
        switch (message)
        {
            case LocalizedText text:
                texts.Add((path, text.Text));
                return;
            case CivilDate date:
                var (y, m, d) = (date.Year, date.Month, date.Day);
                foreach (var spelling in new[] { $"{y:D4}-{m:D2}-{d:D2}", $"{y:D4}{m:D2}{d:D2}", $"{d:D2}/{m:D2}/{y:D4}", $"{y:D4}/{m:D2}/{d:D2}", $"{d:D2}.{m:D2}.{y:D4}" })
                {
                    texts.Add((path + " " + spelling, spelling));
                }

                return;
            case IdentityDocument document:
                texts.Add((path + ".number", document.Number));
                return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            // The province is in the agreement's names of the parties ("Công an tỉnh Lào Cai"): public, and no one's address.
            if (field.FullName == ClaimedResidence.Descriptor.FindFieldByNumber(ClaimedResidence.ProvinceFieldNumber).FullName || field.FieldType != FieldType.Message)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            var children = field.IsRepeated ? ((System.Collections.IList)value).Cast<IMessage>() : value is IMessage single ? [single] : [];
            foreach (var child in children)
            {
                Collect(child, $"{path}.{field.Name}", texts);
            }
        }
    }
}
