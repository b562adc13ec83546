namespace Liaison.Audit.Witnessing;

/// <summary>What a witness decided about a checkpoint it was asked to cosign.</summary>
public enum WitnessVerdict
{
    /// <summary>Consistent with everything seen before: cosigned.</summary>
    Cosigned,

    /// <summary>The note or its checkpoint body does not parse.</summary>
    Malformed,

    /// <summary>The checkpoint is for another log than the one this witness follows.</summary>
    UnknownOrigin,

    /// <summary>No valid signature of the log's key (missing, or present and failing).</summary>
    BadSignature,

    /// <summary>Smaller than the checkpoint already seen: stale or replayed, not proof of misbehaviour.</summary>
    OlderSize,

    /// <summary>Same size as the checkpoint already seen but another root: two signed views of one log, proof of a fork.</summary>
    Fork,

    /// <summary>Larger, but the consistency proof from the checkpoint already seen does not verify.</summary>
    InconsistentProof,
}
