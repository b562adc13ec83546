using Google.Protobuf.Reflection;

namespace Liaison.Gateway.Grpc.Internal;

/// <summary>
/// The documented limits of a workflow step's fields (deploy/partner-integration.md, "Limits"),
/// looked up by the field's full proto name. A field not named here gets the defaults, so
/// that a field added to the protos later is bounded too. Immutable and thread-safe.
/// </summary>
internal static class WorkflowFieldLimits
{
    public const int FreeTextChars = 4000;
    public const int NameChars = 200;
    public const int IdChars = 64;
    public const int DefaultStringChars = 200;
    public const int DefaultCount = 100;
    public const int DigestBytes = 64;
    public const int SignatureBytes = 16 * 1024;
    private const string P = "liaison.workflow.v1.";

    /// <summary>Fields holding ids: the reference syntax (up to 64 of A-Za-z0-9/._-, or empty).</summary>
    private static readonly HashSet<string> Ids = new(StringComparer.Ordinal)
    {
        P + "WorkflowEvent.workflow_id", P + "WorkflowEvent.case_reference", P + "WorkflowEvent.officer_id",
        P + "HandoverPerson.person_id", P + "HandoverPerson.accompanies_person_id", P + "HandoverPerson.verification_workflow_id",
        P + "Escort.officer_id", P + "Interpreter.interpreter_id", P + "HandoverDocument.person_id", P + "Belonging.person_id",
        P + "HandoverPlan.border_gate_id", P + "RollCallEntry.person_id", P + "HandoverRecord.workflow_id", P + "HandoverRecord.border_gate_id",
        P + "HandoverRecord.children_person_ids", P + "AttachmentReference.attachment_id", P + "VerificationAnswer.responder_case_reference",
        P + "AlertAcknowledgement.acknowledged_by", P + "CriteriaIndicator.code", P + "VerificationRequest.indicator_codes",
        P + "WorkflowSignature.key_id",
    };

    private static readonly Dictionary<string, int> StringChars = new(StringComparer.Ordinal)
    {
        [P + "LocalizedText.language"] = 35, // a BCP 47 tag
        [P + "Interpreter.languages"] = 35,
        [P + "VerificationRequest.spoken_languages"] = 35,
        [P + "ClaimedResidence.country"] = 3, // ISO 3166 alpha-2 or alpha-3
        [P + "IdentityDocument.issuing_country"] = 3,
        [P + "IdentityDocument.number"] = 64,
        [P + "AttachmentReference.media_type"] = 255,
        [P + "WorkflowSignature.algorithm"] = 64,
        [P + "WorkflowSignature.signer_node"] = 63,
        [P + "CriteriaIndicator.text_vi"] = 1000,
        [P + "CriteriaIndicator.text_zh"] = 1000,
        [P + "CriteriaIndicator.text_en"] = 1000,
    };

    /// <summary>Localized texts that hold a name or a place rather than free text.</summary>
    private static readonly HashSet<string> NameTexts = new(StringComparer.Ordinal)
    {
        P + "PersonName.name", P + "ClaimedResidence.village", P + "ClaimedResidence.commune", P + "ClaimedResidence.district",
        P + "ClaimedResidence.province", P + "VerificationRequest.ethnicity", P + "Escort.role",
    };

    private static readonly Dictionary<string, int> Counts = new(StringComparer.Ordinal)
    {
        ["names"] = 50, ["people"] = 100, ["indicators"] = 200, ["indicator_codes"] = 200, ["attachments"] = 20,
        ["documents"] = 50, ["accompanying_minors"] = 50, ["spoken_languages"] = 20, ["languages"] = 20,
        ["escorts"] = 50, ["belongings"] = 200, ["entries"] = 100, ["children_person_ids"] = 100,
    };

    public static bool IsId(FieldDescriptor field) => Ids.Contains(field.FullName);

    /// <param name="field">A string field.</param>
    /// <param name="container">The field holding the message <paramref name="field"/> belongs to, if any.</param>
    public static int MaxChars(FieldDescriptor field, FieldDescriptor? container) =>
        StringChars.TryGetValue(field.FullName, out var max) ? max
        : field.FullName == P + "LocalizedText.text" ? (container is not null && NameTexts.Contains(container.FullName) ? NameChars : FreeTextChars)
        : IsId(field) ? IdChars
        : DefaultStringChars;

    /// <summary>Digests are at most SHA-512's 64 bytes; signatures leave room for ML-DSA-65 with Ed25519.</summary>
    public static int MaxBytes(FieldDescriptor field) => field.Name == "signature" ? SignatureBytes : DigestBytes;

    public static int MaxCount(FieldDescriptor field) => Counts.TryGetValue(field.Name, out var max) ? max : DefaultCount;
}
