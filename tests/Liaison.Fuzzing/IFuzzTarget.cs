namespace Liaison.Fuzzing;

/// <summary>
/// One fuzz target: runs one input and returns, or throws when the code under test
/// threw (it must never throw on hostile input) or broke an invariant
/// (<see cref="FuzzTargetViolationException"/>). Implementations are thread-safe.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>"envelope", "agreement", "receipt" or "transfer": also the corpus folder's name.</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);
}
