using System.Text.Json;
using Google.Protobuf;
using Liaison.Agreement.V1;
using Liaison.Crypto.Agreements;

namespace Liaison.Cli.Files;

/// <summary>An agreement as read from a file: its document and, unless it is a draft, the signed form.</summary>
internal sealed record AgreementFile(ExchangeAgreement Document, SignedAgreement Signed, bool IsDraft)
{
    /// <summary>SHA-256 of the exact agreement bytes: what the parties sign and what a next version supersedes.</summary>
    public string Digest => AgreementFiles.Digest(Signed.Agreement);
}

/// <summary>Reading agreements in their two file forms: a draft (ExchangeAgreement) or a SignedAgreement.</summary>
internal static class AgreementFiles
{
    public static SignedAgreement ReadSigned(string path) => ProtoJsonFile.Read<SignedAgreement>(path);

    /// <summary>Reads a draft and freezes it into the bytes that will be signed.</summary>
    public static SignedAgreement ReadDraft(string path) => AgreementDraft.Freeze(ProtoJsonFile.Read<ExchangeAgreement>(path));

    /// <summary>Loads an agreement that must be in force, naming the file when it is not.</summary>
    public static AgreementInForce LoadInForce(string path)
    {
        try
        {
            return AgreementInForce.Load(ReadSigned(path));
        }
        catch (AgreementException ex)
        {
            throw new CliException($"The agreement '{path}' is not in force:", ex.Problems);
        }
    }

    /// <summary>Reads either form; a signed agreement is recognised by its top-level "agreement" field.</summary>
    public static AgreementFile ReadAny(string path)
    {
        var json = File.ReadAllText(path);
        if (!IsSignedAgreement(json, path))
        {
            var draft = ProtoJsonFile.Parse<ExchangeAgreement>(json, path);
            return new AgreementFile(draft, AgreementDraft.Freeze(draft), IsDraft: true);
        }

        var signed = ProtoJsonFile.Parse<SignedAgreement>(json, path);
        try
        {
            return new AgreementFile(ExchangeAgreement.Parser.ParseFrom(signed.Agreement), signed, IsDraft: false);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new CliException($"The agreement bytes in '{path}' are not a valid ExchangeAgreement.", ex);
        }
    }

    public static string Digest(ByteString agreementBytes) => Convert.ToHexStringLower(AgreementInForce.DigestOf(agreementBytes.Span));

    private static bool IsSignedAgreement(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("agreement", out _);
        }
        catch (JsonException ex)
        {
            throw new CliException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
