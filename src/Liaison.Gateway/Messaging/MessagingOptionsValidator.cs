using Microsoft.Extensions.Options;

namespace Liaison.Gateway.Messaging;

/// <summary>Checks <see cref="MessagingOptions"/> at start-up and says, in sentences, what to fix.</summary>
public sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.BrokerUri is { } uri && (!uri.IsAbsoluteUri || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs")))
        {
            problems.Add("Messaging:BrokerUri must be an absolute amqp:// or amqps:// URI of this side's broker (leave it empty for the in-memory transport).");
        }

        if (!Enum.IsDefined(options.TransferEncoding))
        {
            problems.Add($"Messaging:TransferEncoding must be Binary or Json; it is {options.TransferEncoding}.");
        }

        if (options.PrefetchCount is < 1 or > 65535)
        {
            problems.Add($"Messaging:PrefetchCount must be between 1 and 65535; it is {options.PrefetchCount}.");
        }

        if (options.InboundMaxBytesInProcess is < 1024 or > 1024L * 1024 * 1024)
        {
            problems.Add($"Messaging:InboundMaxBytesInProcess must be between 1024 and 1073741824; it is {options.InboundMaxBytesInProcess}.");
        }

        if (options.RetryLimit is < 0 or > 100)
        {
            problems.Add($"Messaging:RetryLimit must be between 0 and 100; it is {options.RetryLimit}.");
        }

        if (options.RetryMinInterval <= TimeSpan.Zero || options.RetryMaxInterval < options.RetryMinInterval)
        {
            problems.Add("Messaging:RetryMinInterval must be positive and no longer than Messaging:RetryMaxInterval.");
        }

        if (options.OutboxBatchSize is < 1 or > 10_000)
        {
            problems.Add($"Messaging:OutboxBatchSize must be between 1 and 10000; it is {options.OutboxBatchSize}.");
        }

        if (options.OutboxBatchMaxBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            problems.Add($"Messaging:OutboxBatchMaxBytes must be between 1024 and 1073741824; it is {options.OutboxBatchMaxBytes}.");
        }

        if (options.OutboxBatchesInFlight is < 1 or > 64)
        {
            problems.Add($"Messaging:OutboxBatchesInFlight must be between 1 and 64; it is {options.OutboxBatchesInFlight}.");
        }

        if (options.Heartbeat < TimeSpan.FromSeconds(5) || options.Heartbeat > TimeSpan.FromMinutes(10) || options.Heartbeat.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            problems.Add($"Messaging:Heartbeat must be a whole number of seconds between 00:00:05 and 00:10:00; it is {options.Heartbeat}.");
        }

        if (options.OutboxPollInterval <= TimeSpan.Zero)
        {
            problems.Add("Messaging:OutboxPollInterval must be positive.");
        }

        if (options.PublishRetryBaseDelay <= TimeSpan.Zero || options.PublishRetryMaxDelay < options.PublishRetryBaseDelay)
        {
            problems.Add("Messaging:PublishRetryBaseDelay must be positive and no longer than Messaging:PublishRetryMaxDelay.");
        }

        if (options.PublishTimeout <= TimeSpan.Zero)
        {
            problems.Add("Messaging:PublishTimeout must be positive.");
        }

        if (options.StartTimeout <= TimeSpan.Zero)
        {
            problems.Add("Messaging:StartTimeout must be positive.");
        }

        if (options.ExpiryGrace < TimeSpan.Zero)
        {
            problems.Add("Messaging:ExpiryGrace must not be negative.");
        }

        if (options.ExpirySweepInterval <= TimeSpan.Zero)
        {
            problems.Add("Messaging:ExpirySweepInterval must be positive.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
