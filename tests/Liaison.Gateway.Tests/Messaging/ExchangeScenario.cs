using System.Text;
using Liaison.Gateway.Exchange;
using Liaison.Gateway.Storage;
using Liaison.Testing;

namespace Liaison.Gateway.Tests.Messaging;

/// <summary>What the exchange tests do on a pair of gateways: submit, and wait for the outcome with a deadline.</summary>
internal static class ExchangeScenario
{
    // A safety net, not a timing claim: generous, because CI machines are shared and loaded.
    public static readonly TimeSpan Delivery = TimeSpan.FromSeconds(90);

    /// <summary>A minimal verification request; the test checks it arrives byte for byte.</summary>
    public static byte[] Payload(string requestId) =>
        Encoding.UTF8.GetBytes($"{{\"request\":\"{requestId}\",\"document\":\"C1234567\",\"name\":\"Nguyễn Văn A\"}}");

    public static SubmitRequest Request(string requestId) =>
        new(requestId, TestParties.Yunnan, TestParties.MessageType, Payload(requestId)) { CaseReference = "LC-2026-0042", CorrelationId = "corr-" + requestId };

    /// <summary>Waits until every one of <paramref name="envelopeIds"/> is Delivered on <paramref name="sender"/>.</summary>
    public static Task UntilDeliveredAsync(GatewayCore sender, IReadOnlyCollection<Guid> envelopeIds, TimeSpan timeout) =>
        Polling.UntilAsync(
            async () =>
            {
                var delivered = 0;
                foreach (var id in envelopeIds)
                {
                    delivered += (await sender.Store.GetAsync(id))?.State == MessageState.Delivered ? 1 : 0;
                }

                return delivered;
            },
            delivered => delivered == envelopeIds.Count,
            timeout,
            $"{envelopeIds.Count} messages Delivered on the sender");

    /// <summary>Every inbound message, all pages.</summary>
    public static async Task<List<MessageRecord>> InboxAsync(GatewayCore gateway)
    {
        var all = new List<MessageRecord>();
        var token = "";
        do
        {
            var page = await gateway.Store.ListInboxAsync(new InboxQuery(InboxQuery.MaxPageSize, token));
            all.AddRange(page.Messages);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(GatewayCore gateway) => await gateway.Store.ReadAuditAsync(1, 100_000);
}
