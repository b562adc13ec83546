using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Cli.Demo;
using Liaison.Cli.Files;
using Liaison.Cli.Rendering;
using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Envelope.V1;
using Org.BouncyCastle.Security;
using static Liaison.Cli.Demo.DemoParties;

namespace Liaison.Cli.Commands;

/// <summary>
/// <c>liaison demo crypto</c>: the envelope format alone, without gateways: keys, a co-signed
/// agreement, envelopes both ways with signed receipts, refused attacks, and the cost of
/// session mode. It writes the agreement and the envelopes to a directory so that
/// <c>envelope inspect</c> can be tried on them.
/// </summary>
internal sealed class DemoCryptoCommand : Command
{
    // Synthetic and deliberately free of personal data: the demo prints only sizes and digests anyway.
    private static readonly byte[] RequestPayload = Encoding.UTF8.GetBytes(
        """{"request":"verify identity","claimed_district":"Bát Xát","record":"SYNTHETIC TEST RECORD, NOT A PERSON"}""");

    private readonly CliContext context;
    private readonly Option<string> directory = new("--dir") { Description = "Where to write the agreement and envelopes (default: a new temporary directory).", HelpName = "dir" };

    public DemoCryptoCommand(CliContext context)
        : base("crypto", "Seal, open and receipt envelopes both ways in both suites, without gateways, and show refused attacks.")
    {
        this.context = context;
        Options.Add(directory);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var output = context.Out;
        var dir = parse.GetValue(directory) ?? Directory.CreateTempSubdirectory("liaison-demo-").FullName;
        Directory.CreateDirectory(dir);
        var time = TimeProvider.System;
        var random = new SecureRandom();

        Step("1. Each side generates its node keys (both suites, ML-DSA-65) and an authority key.");
        var parties = DemoParties.Create(time.GetUtcNow(), random);
        output.WriteField(LaoCaiNode, $"{parties.LaoCai.Keys.Count} node keys, Ed25519 authority");
        output.WriteField(YunnanNode, $"{parties.Yunnan.Keys.Count} node keys, SM2 authority");

        Step("2. Both authorities sign the same agreement bytes; only then is it in force.");
        var once = AgreementSignatures.AddSignature(AgreementDraft.Freeze(parties.Draft), LaoCaiNode, parties.LaoCaiAuthority.Keys[0], random);
        var halfSigned = AgreementInForce.Inspect(once, null);
        output.WriteField("After Lao Cai signs", $"in force: {halfSigned.InForce}, still to sign: {string.Join(", ", halfSigned.MissingSignatures)}");
        var agreement = AgreementInForce.Load(AgreementSignatures.AddSignature(once, YunnanNode, parties.YunnanAuthority.Keys[0], random));
        output.WriteField("After Yunnan signs", "in force: True");
        output.WriteField("Digest (SHA-256)", Display.Hex(agreement.Digest));
        output.WriteField("vn-laocai -> cn-yunnan", "SUITE_INTERNATIONAL_V1 + ML-DSA-65 co-signature");
        output.WriteField("cn-yunnan -> vn-laocai", "SUITE_GM_V1");

        var laoCaiSealer = new EnvelopeSealer(agreement, parties.LaoCai, time, random: random);
        var yunnanSealer = new EnvelopeSealer(agreement, parties.Yunnan, time, random: random);
        var laoCaiOpener = new EnvelopeOpener(agreement, parties.LaoCai, time);
        var yunnanOpener = new EnvelopeOpener(agreement, parties.Yunnan, time);

        Step("3. Lao Cai sends a verification request; Yunnan opens it and returns a signed receipt.");
        var request = laoCaiSealer.Seal(new SealRequest(YunnanNode, "verification.request", RequestPayload) { CaseReference = "LC-2026-0042", Sequence = 1 });
        Exchange(request, yunnanOpener, parties.Yunnan, agreement, LaoCaiNode, RequestPayload);

        Step("4. Yunnan raises an urgent hotline alert in the GM suite; Lao Cai acknowledges with a receipt.");
        var alertPayload = "SYNTHETIC ALERT: vehicle crossing expected at Kim Thành tonight"u8.ToArray();
        var alert = yunnanSealer.Seal(new SealRequest(LaoCaiNode, "hotline.alert", alertPayload) { CaseReference = "YN-2026-0107", Priority = Priority.Urgent, Sequence = 1, Lifetime = TimeSpan.FromHours(1) });
        Exchange(alert, laoCaiOpener, parties.LaoCai, agreement, YunnanNode, alertPayload);

        Step("5. Hostile or mistaken input is refused, each with its own reason.");
        Refusal("one bit flipped in transit", yunnanOpener.Open(Flip(request.Bytes, request.Bytes.Length / 2)));
        Refusal("delivered to the wrong node", laoCaiOpener.Open(request.Bytes));
        var eightDaysLater = new EnvelopeOpener(agreement, parties.Yunnan, new FixedTimeProvider(time.GetUtcNow().AddDays(8)));
        Refusal("opened eight days later", eightDaysLater.Open(request.Bytes));
        Refusal("not an envelope at all", yunnanOpener.Open("hello"u8));

        Step("6. Session mode: one key exchange serves many envelopes, each still opening on its own.");
        Throughput("fresh key exchange per envelope", new EnvelopeSealer(agreement, parties.LaoCai, time, new SealerOptions { KeyExchange = KeyExchangeMode.PerMessage }, random), agreement, parties.Yunnan, time);
        Throughput("session mode", new EnvelopeSealer(agreement, parties.LaoCai, time, new SealerOptions { KeyExchange = KeyExchangeMode.Session }, random), agreement, parties.Yunnan, time);

        ProtoJsonFile.Write(Path.Combine(dir, "agreement.json"), agreement.Signed);
        File.WriteAllBytes(Path.Combine(dir, "request.envelope"), request.Bytes);
        File.WriteAllBytes(Path.Combine(dir, "alert.envelope"), alert.Bytes);
        Step($"Wrote agreement.json, request.envelope and alert.envelope to {dir}. Try:");
        output.WriteLine($"  liaison envelope inspect {Path.Combine(dir, "request.envelope")} --agreement {Path.Combine(dir, "agreement.json")}");
        return ExitCodes.Success;

        void Step(string text)
        {
            output.WriteLine();
            output.WriteLine(text);
        }
    }

    private void Exchange(SealResult sent, EnvelopeOpener opener, Crypto.Keys.KeyRing recipient, AgreementInForce agreement, string sender, byte[] payload)
    {
        var output = context.Out;
        output.WriteField("Envelope", $"{sent.EnvelopeId}, {sent.Bytes.Length} bytes, {Display.Enum(sent.Header.Suite)}, {Display.Enum(sent.Header.Priority)}");
        output.WriteField("Clear-text header", $"{sent.Header.SenderNode} -> {sent.Header.RecipientNode}, {sent.Header.MessageType}, case {sent.Header.CaseReference} (no personal data)");
        var opened = opener.Open(sent.Bytes);
        var intact = opened.Payload is not null && CryptographicOperations.FixedTimeEquals(opened.Payload, payload);
        output.WriteField("Opened by " + recipient.Owner, opened.IsAccepted ? $"accepted, payload {opened.Payload!.Length} bytes, intact: {intact}" : $"REFUSED {Display.Enum(opened.Reason)}");

        var receipt = new ReceiptSigner(agreement, recipient, TimeProvider.System).Sign(sent.Bytes, opened.Header!, opened.Reason);
        var check = new ReceiptVerifier(agreement, sender, TimeProvider.System).Verify(receipt, sent.Bytes);
        output.WriteField("Receipt at " + sender, check.IsValid ? $"verified, {Display.Enum(check.Receipt!.Status)}: the message is delivered" : $"REFUSED {Display.Enum(check.Reason)}");
    }

    private void Refusal(string what, EnvelopeOpenResult result) =>
        context.Out.WriteField(what, result.IsAccepted ? "ACCEPTED (unexpected)" : $"{Display.Enum(result.Reason)}: {result.Detail}");

    private void Throughput(string mode, EnvelopeSealer sealer, AgreementInForce agreement, Crypto.Keys.KeyRing recipient, TimeProvider time)
    {
        const int count = 200;
        var payload = new byte[2048];
        var opener = new EnvelopeOpener(agreement, recipient, time);
        var clock = Stopwatch.StartNew();
        var encapsulations = new HashSet<string>();
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            var sealedEnvelope = sealer.Seal(new SealRequest(YunnanNode, "verification.request", payload) { Sequence = (ulong)i + 1 });
            encapsulations.Add(Convert.ToBase64String(sealedEnvelope.Header.KeyEstablishment.Encapsulation.Span));
            accepted += opener.Open(sealedEnvelope.Bytes).IsAccepted ? 1 : 0;
        }

        var perEnvelope = clock.Elapsed.TotalMicroseconds / count;
        context.Out.WriteField(mode, string.Create(CultureInfo.InvariantCulture,
            $"{count} x 2 KiB sealed and opened ({accepted} accepted), {encapsulations.Count} key exchange(s), {perEnvelope:F0} us per envelope (with ML-DSA-65)"));
    }
}
