using Grpc.Net.Client;
using Liaison.Cli.Options;
using Liaison.Gateway.V1;

namespace Liaison.Cli.Demo.Walkthrough;

/// <summary>
/// One side's officer tool: clients of its own gateway's message, workflow and attachment
/// services, over TLS with the demo's CA, calling as that side's officer with its client
/// certificate. Dispose to close the channel.
/// </summary>
internal sealed class DemoSide : IDisposable
{
    private readonly GrpcChannel channel;

    public DemoSide(string displayName, DemoNode node, string authorityPath, DemoClient officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        DisplayName = displayName;
        Node = node;
        Officer = officer;
        channel = GatewayConnection.Open(node.Address, authorityPath, officer.Load());
        Messages = new LiaisonGatewayService.LiaisonGatewayServiceClient(channel);
        Workflows = new LiaisonWorkflowService.LiaisonWorkflowServiceClient(channel);
        Attachments = new LiaisonAttachmentService.LiaisonAttachmentServiceClient(channel);
    }

    /// <summary>"Lao Cai" or "Yunnan", for sentences.</summary>
    public string DisplayName { get; }

    public DemoNode Node { get; }

    public string NodeId => Node.NodeId;

    /// <summary>Who this side's tool calls as.</summary>
    public DemoClient Officer { get; }

    public LiaisonGatewayService.LiaisonGatewayServiceClient Messages { get; }

    public LiaisonWorkflowService.LiaisonWorkflowServiceClient Workflows { get; }

    public LiaisonAttachmentService.LiaisonAttachmentServiceClient Attachments { get; }

    public void Dispose() => channel.Dispose();
}
