using Grpc.Core;
using Liaison.Gateway.V1;
using Liaison.Workflows.Tests.Support;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>
/// Workflows:BorderGates through a real gateway: ListBorderGates shows the configured gates with
/// their names, and handover plans are held to those gates, not to the defaults they replace.
/// </summary>
public sealed class BorderGatesApiTests : IDisposable
{
    private readonly NodeDirectory files = new();
    private readonly List<GatewayFactory> gateways = [];

    [Fact]
    public async Task WithNothingConfiguredTheTwoLaoCaiGatesAreListedWithTheirNamesAndTheRules()
    {
        var client = Start(files.Settings());

        var response = await client.ListBorderGatesAsync(new ListBorderGatesRequest());

        Assert.Equal(["VN-LAOCAI/CN-HEKOU", "VN-KIMTHANH/CN-HEKOU"], response.BorderGates.Select(g => g.Code));
        var laoCai = response.BorderGates[0];
        Assert.Equal(("Cửa khẩu quốc tế Lào Cai – Hà Khẩu", "老街—河口国际口岸", "Lao Cai–Hekou international border gate", "Asia/Ho_Chi_Minh"),
            (laoCai.NameVi, laoCai.NameZh, laoCai.NameEn, laoCai.TimeZone));
        Assert.Equal(3, response.MinimumNoticeDays);
        Assert.Equal(TimeSpan.FromHours(2), response.RollCallTolerance.ToTimeSpan());
    }

    [Fact]
    public async Task ConfiguredGatesAreListedAndAPlanAtAGateNoLongerConfiguredIsRefused()
    {
        var settings = files.Settings();
        settings["Workflows:BorderGates:0:Code"] = "VN-MUONGKHUONG/CN-QIAOTOU";
        settings["Workflows:BorderGates:0:NameVi"] = "Cửa khẩu Mường Khương – Kiều Đầu";
        settings["Workflows:BorderGates:0:NameZh"] = "猛康—桥头口岸";
        settings["Workflows:BorderGates:0:NameEn"] = "Muong Khuong–Qiaotou border gate";
        settings["Workflows:RollCallTolerance"] = "01:00:00";
        var client = Start(settings);

        var gate = Assert.Single((await client.ListBorderGatesAsync(new ListBorderGatesRequest())).BorderGates);
        Assert.Equal(("VN-MUONGKHUONG/CN-QIAOTOU", "猛康—桥头口岸", "Asia/Ho_Chi_Minh"), (gate.Code, gate.NameZh, gate.TimeZone));

        // The gateway runs on the system clock: the window opens five days from now.
        var windowStart = DateTimeOffset.UtcNow.AddDays(5);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest
        {
            RequestId = "ho-gate-1",
            RecipientNode = NodeDirectory.Yunnan,
            Step = HandoverEvents.Propose(HandoverEvents.Plan(windowStart), "ho-gate-1"),
        }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("border gate VN-LAOCAI/CN-HEKOU is not one of the configured gates", refused.Status.Detail, StringComparison.Ordinal);

        var accepted = await client.SubmitWorkflowStepAsync(new SubmitWorkflowStepRequest
        {
            RequestId = "ho-gate-2",
            RecipientNode = NodeDirectory.Yunnan,
            Step = HandoverEvents.Propose(HandoverEvents.Plan(windowStart, gate: "VN-MUONGKHUONG/CN-QIAOTOU"), "ho-gate-2"),
        });
        Assert.Equal("Proposed", accepted.Workflow.State);
    }

    public void Dispose()
    {
        foreach (var gateway in gateways)
        {
            gateway.Dispose();
        }

        files.Dispose();
    }

    private LiaisonWorkflowService.LiaisonWorkflowServiceClient Start(Dictionary<string, string?> settings)
    {
        var gateway = new GatewayFactory(settings);
        gateways.Add(gateway);
        return new LiaisonWorkflowService.LiaisonWorkflowServiceClient(gateway.Channel);
    }
}
