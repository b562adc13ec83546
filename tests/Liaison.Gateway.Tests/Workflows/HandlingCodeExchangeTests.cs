using Liaison.Crypto.V1;
using Liaison.Gateway.Tests.Messaging;
using Liaison.Gateway.Workflows;
using Liaison.Workflow.V1;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Workflows;

/// <summary>Handling codes enforced across workflows, between two gateway cores on the linked brokers.</summary>
[Collection(LinkedBrokerTests.Name)]
public sealed class HandlingCodeExchangeTests
{
    [Fact]
    public async Task InformationAPartnerProvidedUnderH2GoesBackToItButNeverToAThirdNode()
    {
        await using var gateways = await LinkedGateways.StartAsync(Suite.InternationalV1);
        var laoCai = WorkflowTestGateway.For(gateways.LaoCai);
        var yunnan = WorkflowTestGateway.For(gateways.Yunnan);
        var request = VerificationEvents.Request("vr-h2-1", HandlingCode.H2);
        request.VerificationRequest.Criteria = null;
        request.VerificationRequest.IndicatorCodes.Clear();
        await yunnan.Coordinator.SubmitStepAsync("req-h2-1", TestParties.LaoCai, request, CancellationToken.None);
        await laoCai.UntilAsync("vr-h2-1", "Requested");

        var plan = HandoverEvents.Plan(DateTimeOffset.UtcNow.AddDays(4));
        plan.People[0].VerificationWorkflowId = "vr-h2-1";
        WorkflowEvent Proposal(string id) => new() { WorkflowId = id, CaseReference = "LC-2026-0099", OfficerId = "vn-officer-1", HandoverProposal = new HandoverProposal { Plan = plan } };

        var refused = await Assert.ThrowsAsync<WorkflowRefusedException>(
            () => laoCai.Coordinator.SubmitStepAsync("req-ho-third", TestParties.LuangNamtha, Proposal("ho-h2-third"), CancellationToken.None));
        Assert.Contains("H2", refused.Message, StringComparison.Ordinal);
        Assert.Contains(TestParties.Yunnan, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await gateways.LaoCai.Store.ListByCorrelationAsync(Storage.MessageDirection.Outbound, "ho-h2-third", null, 10));

        var (back, _) = await laoCai.Coordinator.SubmitStepAsync("req-ho-back", TestParties.Yunnan, Proposal("ho-h2-back"), CancellationToken.None);
        Assert.Equal("Proposed", back.StateName);
    }
}
