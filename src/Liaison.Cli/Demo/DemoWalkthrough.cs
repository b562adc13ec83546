using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Liaison.Cli.Options;
using Liaison.Cli.Rendering;
using Liaison.Envelope.V1;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Demo;

/// <summary>
/// One verification request from Lao Cai to Yunnan through the gateways' gRPC API, as an
/// officer's tool would send it, printed step by step: sizes, digests, ids and states only.
/// </summary>
internal sealed class DemoWalkthrough(TextWriter output, DemoGateways gateways)
{
    /// <summary>How long the request may take to be delivered before the demo gives up.</summary>
    public static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// SYNTHETIC test data, marked as such: the shape of a verification request, with made-up
    /// personal-looking fields. The demo never prints them, only the payload's size and digest.
    /// </summary>
    private static readonly byte[] RequestPayload = Encoding.UTF8.GetBytes(
        """
        {"synthetic":true,"notice":"SYNTHETIC TEST DATA - NOT A REAL PERSON","form":"verification.request.v0",
         "subject":{"full_name":"Nguyen Thi Mau","date_of_birth":"2001-01-01","home_commune":"Bat Xat"},
         "question":"Is this person known to your office as a possible victim?"}
        """);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var laoCaiChannel = GatewayConnection.Open(gateways.LaoCai.Address, gateways.AuthorityPath);
        using var yunnanChannel = GatewayConnection.Open(gateways.Yunnan.Address, gateways.AuthorityPath);
        var laoCai = new LiaisonGatewayService.LiaisonGatewayServiceClient(laoCaiChannel);
        var yunnan = new LiaisonGatewayService.LiaisonGatewayServiceClient(yunnanChannel);
        var digest = Display.Hex(SHA256.HashData(RequestPayload));

        Step($"A Lao Cai officer's tool submits a verification request to Lao Cai's gateway (SubmitMessage over TLS to {gateways.LaoCai.Url}).");
        output.WriteField("Payload", $"{Display.Count(RequestPayload.Length, "byte")} of SYNTHETIC JSON, SHA-256 {digest} (its fields are never printed)");
        var submitted = (await laoCai.SubmitMessageAsync(
            new SubmitMessageRequest
            {
                RequestId = "demo-" + Guid.NewGuid().ToString("N"),
                RecipientNode = gateways.Yunnan.NodeId,
                MessageType = "verification.request",
                Payload = ByteString.CopyFrom(RequestPayload),
                CaseReference = "LC-2026-0042",
                Priority = Priority.Routine,
            },
            cancellationToken: cancellationToken)).Message;
        output.WriteField("Envelope id", submitted.EnvelopeId);
        output.WriteField("Sequence", $"{submitted.Sequence} on {gateways.LaoCai.NodeId} -> {gateways.Yunnan.NodeId}");
        output.WriteField("State", $"{Display.Enum(submitted.State)} (committed with its outbox row before the answer)");

        Step("Lao Cai's gateway publishes the envelope; Yunnan's verifies, stores and answers with a signed receipt (GetMessage, polled).");
        var delivered = await FollowAsync(laoCai, submitted, cancellationToken);
        output.WriteField("Receipt", $"signature verified by {gateways.LaoCai.NodeId}: {Display.Enum(delivered.State)}");

        Step($"On Yunnan's side the request is in the inbox (ListInboxMessages and FetchMessage at {gateways.Yunnan.Url}).");
        var received = await FindInInboxAsync(yunnan, submitted.EnvelopeId, cancellationToken);
        output.WriteField("Inbox", MessageRenderer.Line(received));
        var fetched = await yunnan.FetchMessageAsync(new FetchMessageRequest { Name = received.Name }, cancellationToken: cancellationToken);
        var intact = fetched.Payload.Span.SequenceEqual(RequestPayload);
        output.WriteField("Fetched payload", $"{Display.Count(fetched.Payload.Length, "byte")}, SHA-256 {Display.Hex(SHA256.HashData(fetched.Payload.Span))}, identical to what Lao Cai sent: {intact}");
        if (!intact)
        {
            throw new CliException("The payload Yunnan stored differs from the one Lao Cai sent.");
        }

        Step("Both audit trails record every step for this envelope, and their hash chains verify (read from each store).");
        foreach (var node in new[] { gateways.LaoCai, gateways.Yunnan })
        {
            await AuditAsync(node, Guid.Parse(submitted.EnvelopeId), cancellationToken);
        }
    }

    private async Task<Message> FollowAsync(LiaisonGatewayService.LiaisonGatewayServiceClient client, Message message, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = message.State;
        while (true)
        {
            var current = (await client.GetMessageAsync(new GetMessageRequest { Name = message.Name }, cancellationToken: cancellationToken)).Message;
            if (current.State != state)
            {
                state = current.State;
                output.WriteField("State", Display.Enum(state));
            }

            switch (state)
            {
                case MessageState.Delivered:
                    return current;
                case MessageState.Rejected or MessageState.Expired:
                    throw new CliException($"The request was not delivered: {Display.Enum(state)} {Display.Enum(current.RejectionReason)}.");
            }

            if (clock.Elapsed > DeliveryDeadline)
            {
                throw new CliException($"The request was still {Display.Enum(state)} after {DeliveryDeadline.TotalSeconds:0} seconds; is the link between the brokers up?");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task<Message> FindInInboxAsync(LiaisonGatewayService.LiaisonGatewayServiceClient client, string envelopeId, CancellationToken cancellationToken)
    {
        var request = new ListInboxMessagesRequest { PageSize = 100 };
        while (true)
        {
            var page = await client.ListInboxMessagesAsync(request, cancellationToken: cancellationToken);
            if (page.Messages.FirstOrDefault(m => m.EnvelopeId == envelopeId) is { } found)
            {
                return found;
            }

            if (page.NextPageToken.Length == 0)
            {
                throw new CliException($"Yunnan's inbox does not list envelope {envelopeId}, although Lao Cai holds its receipt.");
            }

            request.PageToken = page.NextPageToken;
        }
    }

    private async Task AuditAsync(DemoNode node, Guid envelopeId, CancellationToken cancellationToken)
    {
        var events = new List<string>();
        for (long from = 1; ; )
        {
            var entries = await node.Store.ReadAuditAsync(from, 1000, cancellationToken);
            events.AddRange(entries.Where(e => e.EnvelopeId == envelopeId).Select(e => e.EventType.ToString()));
            if (entries.Count < 1000)
            {
                break;
            }

            from = entries[^1].Seq + 1;
        }

        var report = await node.Store.VerifyAuditChainAsync(cancellationToken);
        output.WriteField(node.NodeId + " events", string.Join(" -> ", events));
        output.WriteField(node.NodeId + " chain", report.IsIntact
            ? $"verified, all {report.EntriesChecked} entries intact"
            : $"BROKEN at entry {report.FirstBadSeq}: {report.Problem}");
        if (!report.IsIntact)
        {
            throw new CliException($"The audit chain of {node.NodeId} does not verify: {report.Problem}");
        }
    }

    private void Step(string text)
    {
        output.WriteLine();
        output.WriteLine(text);
    }
}
