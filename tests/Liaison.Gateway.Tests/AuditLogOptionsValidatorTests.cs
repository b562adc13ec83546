using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public sealed class AuditLogOptionsValidatorTests
{
    [Fact]
    public void TheDefaultCheckpointIntervalIsFiveSecondsAndValid()
    {
        var options = new AuditLogOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.CheckpointInterval);
        Assert.True(new AuditLogOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(99)]
    [InlineData(3_600_001)]
    public void ACheckpointIntervalOutsideHundredMillisecondsToAnHourIsRefused(int milliseconds)
    {
        var result = new AuditLogOptionsValidator().Validate(null, new AuditLogOptions { CheckpointInterval = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.True(result.Failed);
        Assert.StartsWith("AuditLog:CheckpointInterval must be between 100 ms and one hour", result.FailureMessage, StringComparison.Ordinal);
    }
}
