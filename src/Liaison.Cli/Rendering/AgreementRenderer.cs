using System.Globalization;
using Liaison.Agreement.V1;
using Liaison.Cli.Files;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.V1;

namespace Liaison.Cli.Rendering;

/// <summary>The human-readable form of an agreement, for review before signing and for audits.</summary>
internal static class AgreementRenderer
{
    public static void Write(TextWriter output, AgreementFile file, AgreementReport report)
    {
        var document = file.Document;
        output.WriteLine($"Agreement {Display.Untrusted(document.AgreementId)}, version {document.Version}{(file.IsDraft ? " (draft)" : "")}");
        output.WriteField("Digest (SHA-256)", file.Digest + (file.IsDraft ? " (of the bytes as they would be signed)" : ""));
        output.WriteField("Supersedes", document.SupersedesDigest.IsEmpty ? "nothing (first version)" : Display.Hex(document.SupersedesDigest));
        output.WriteField("Effective from", Display.Time(document.EffectiveFrom));
        WriteParties(output, document);
        WriteLinks(output, document);
        WriteLimits(output, document);
        WriteSignatures(output, file, report);
    }

    private static void WriteParties(TextWriter output, ExchangeAgreement document)
    {
        output.WriteLine("Parties");
        foreach (var party in document.Parties)
        {
            output.WriteLine($"  {Display.Untrusted(party.NodeId)} ({Display.Untrusted(party.Country)})");
            output.WriteField("Name (vi)", Display.Untrusted(party.Name?.Vi ?? ""), 4);
            output.WriteField("Name (zh)", Display.Untrusted(party.Name?.Zh ?? ""), 4);
            output.WriteField("Name (en)", Display.Untrusted(party.Name?.En ?? ""), 4);
            WriteKeys(output, "Authority key", party.AuthorityKeys);
            WriteKeys(output, "Node key", party.NodeKeys);
        }
    }

    private static void WriteKeys(TextWriter output, string label, IEnumerable<PublicKey> keys)
    {
        foreach (var key in keys)
        {
            var revoked = key.Revocation is null
                ? "not revoked"
                : $"REVOKED at {Display.Time(key.Revocation.RevokedAt)}: {Display.Untrusted(key.Revocation.Reason)}";
            output.WriteLine($"    {label} {Display.Hex(key.KeyId)}  {Display.Enum(key.Algorithm)}");
            output.WriteLine($"      valid {Display.Time(key.NotBefore)} to {Display.Time(key.NotAfter)}, {revoked}");
        }
    }

    private static void WriteLinks(TextWriter output, ExchangeAgreement document)
    {
        output.WriteLine("Links");
        foreach (var link in document.Links)
        {
            var postQuantum = link.RequirePostQuantumSignature ? "ML-DSA-65 co-signature required" : "no co-signature required";
            output.WriteLine($"  {Display.Untrusted(link.SenderNode)} -> {Display.Untrusted(link.RecipientNode)}: {Display.Enum(link.Suite)}, {postQuantum}");
            output.WriteField("Message types", string.Join(", ", link.MessageTypes.Select(Display.Untrusted)), 4);
            output.WriteField("Max attachment bytes", link.MaxAttachmentBytes == 0
                ? $"{AgreementDraft.DefaultMaxAttachmentBytes.ToString("N0", CultureInfo.InvariantCulture)} (default)"
                : link.MaxAttachmentBytes.ToString("N0", CultureInfo.InvariantCulture), 4);
        }
    }

    private static void WriteLimits(TextWriter output, ExchangeAgreement document)
    {
        output.WriteLine("Limits");
        output.WriteField("Max message bytes", document.MaxMessageBytes.ToString("N0", CultureInfo.InvariantCulture));
        output.WriteField("Retention", Display.Duration(document.Retention));
        var session = document.SessionPolicy;
        output.WriteField("Session policy", session is null
            ? "(not set)"
            : $"rotate after {Display.Count((long)session.MaxMessages, "message")} or {Display.Duration(session.MaxAge)}");
        output.WriteField("Max envelope lifetime", Display.Duration(document.MaxEnvelopeLifetime));
    }

    private static void WriteSignatures(TextWriter output, AgreementFile file, AgreementReport report)
    {
        output.WriteLine("Signatures");
        if (file.Signed.Signatures.Count == 0)
        {
            output.WriteLine("  (none)");
        }

        foreach (var entry in file.Signed.Signatures)
        {
            var status = report.SignedBy.Contains(entry.NodeId) ? "verifies" : "DOES NOT VERIFY";
            var algorithm = entry.Signature is null ? "(empty)" : $"{Display.Enum(entry.Signature.Algorithm)} key {Display.Hex(entry.Signature.KeyId)}";
            output.WriteLine($"  {Display.Untrusted(entry.NodeId)}: {algorithm} ({status})");
        }

        if (report.MissingSignatures.Count > 0)
        {
            output.WriteField("Still to sign", string.Join(", ", report.MissingSignatures));
        }
    }
}
