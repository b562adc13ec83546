using Liaison.Gateway.Messaging;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class OutboxDispatcherOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void BatchesInFlightOutsideOneToSixtyFourAreRefusedAtStartUpWithTheirValue(int batches)
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { OutboxBatchesInFlight = batches });

        Assert.True(result.Failed);
        Assert.Contains($"Messaging:OutboxBatchesInFlight must be between 1 and 64; it is {batches}.", result.Failures!);
    }

    [Fact]
    public void TheDefaultLetsFourBatchesWaitForTheirConfirms()
    {
        var defaults = new MessagingOptions();

        Assert.Equal(4, defaults.OutboxBatchesInFlight);
        Assert.True(new MessagingOptionsValidator().Validate(null, defaults).Succeeded);
    }
}
