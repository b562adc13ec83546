using Liaison.Gateway.Messaging;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class HeartbeatOptionsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:04")]
    [InlineData("00:00:07.500")]
    [InlineData("00:10:01")]
    public void AHeartbeatOutsideFiveSecondsToTenMinutesOrNotInWholeSecondsIsRefusedWithItsValue(string heartbeat)
    {
        var value = TimeSpan.Parse(heartbeat, System.Globalization.CultureInfo.InvariantCulture);

        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { Heartbeat = value });

        Assert.True(result.Failed);
        Assert.Equal([$"Messaging:Heartbeat must be a whole number of seconds between 00:00:05 and 00:10:00; it is {value}."], result.Failures);
    }

    [Fact]
    public void TheDefaultAsksForTenSecondHeartbeats()
    {
        var defaults = new MessagingOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), defaults.Heartbeat);
        Assert.True(new MessagingOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.True(new MessagingOptionsValidator().Validate(null, new MessagingOptions { Heartbeat = TimeSpan.FromMinutes(10) }).Succeeded);
    }
}
