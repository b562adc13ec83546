using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Workflows;

/// <summary>What <see cref="StepRetries.NextAsync"/> found: send attempt <see cref="Number"/> now (after <see cref="Failed"/>, if a retry), wait, or give up.</summary>
internal readonly record struct StepAttempt(StepAttemptKind Kind, int Number, MessageRecord? Failed)
{
    public static StepAttempt Wait { get; } = new(StepAttemptKind.Wait, 0, null);

    public static StepAttempt Exhausted { get; } = new(StepAttemptKind.Exhausted, 0, null);

    public static StepAttempt Send(int number, MessageRecord? failed) => new(StepAttemptKind.Send, number, failed);
}

/// <summary>See <see cref="StepAttempt"/>.</summary>
internal enum StepAttemptKind
{
    /// <summary>Send the attempt now.</summary>
    Send = 1,

    /// <summary>An attempt is on its way or delivered, or the backoff runs: nothing now.</summary>
    Wait = 2,

    /// <summary>Every attempt failed and the retries ran out.</summary>
    Exhausted = 3,
}
