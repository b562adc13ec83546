namespace Liaison.Fuzzing;

/// <summary>
/// A fuzz target found a broken invariant (a forged input accepted, a report that
/// contradicts itself). Thrown so that the fuzzer records the input as a crash.
/// </summary>
public sealed class FuzzTargetViolationException : Exception
{
    public FuzzTargetViolationException()
    {
    }

    public FuzzTargetViolationException(string message)
        : base(message)
    {
    }

    public FuzzTargetViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
