using Liaison.Cli.Rendering;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>The envelope under a workflow step: followed to a verified receipt, then found in the partner's inbox.</summary>
internal static class MessageTrail
{
    /// <summary>Follows a sent message until Lao Cai holds its verified receipt, printing each state it passes.</summary>
    public static async Task<Message> FollowAsync(TextWriter output, DemoSide sender, Message message, CancellationToken cancellationToken)
    {
        var state = message.State;
        var delivered = await DemoPolling.UntilAsync(
            async ct =>
            {
                var current = (await sender.Messages.GetMessageAsync(new GetMessageRequest { Name = message.Name }, cancellationToken: ct)).Message;
                if (current.State != state)
                {
                    state = current.State;
                    output.WriteField("Message state", Display.Enum(state));
                }

                return current.State is MessageState.Rejected or MessageState.Expired
                    ? throw new CliException($"The message was not delivered: {Display.Enum(current.State)} {Display.Enum(current.RejectionReason)}.")
                    : current;
            },
            m => m.State == MessageState.Delivered,
            $"envelope {message.EnvelopeId} to be delivered",
            cancellationToken);
        output.WriteField("Receipt", $"signature verified by {sender.NodeId}: {Display.Enum(delivered.State)}");
        return delivered;
    }

    /// <summary>The message in <paramref name="recipient"/>'s inbox, paging through ListInboxMessages.</summary>
    public static async Task<Message> FindInInboxAsync(DemoSide recipient, string envelopeId, CancellationToken cancellationToken)
    {
        var request = new ListInboxMessagesRequest { PageSize = 100 };
        while (true)
        {
            var page = await recipient.Messages.ListInboxMessagesAsync(request, cancellationToken: cancellationToken);
            if (page.Messages.FirstOrDefault(m => m.EnvelopeId == envelopeId) is { } found)
            {
                return found;
            }

            if (page.NextPageToken.Length == 0)
            {
                throw new CliException($"{recipient.DisplayName}'s inbox does not list envelope {envelopeId}, although the sender holds its receipt.");
            }

            request.PageToken = page.NextPageToken;
        }
    }
}
