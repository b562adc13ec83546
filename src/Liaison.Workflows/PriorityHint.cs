namespace Liaison.Workflows;

/// <summary>
/// How urgently the gateway should send a step. It mirrors the envelope's
/// priorities (ROUTINE, HIGH, URGENT) so the gateway can map it one to one,
/// without this project depending on the envelope format.
/// </summary>
public enum PriorityHint
{
    /// <summary>Normal handling.</summary>
    Routine,

    /// <summary>Ahead of routine traffic (e.g. an urgent verification request).</summary>
    High,

    /// <summary>Hotline alerts: acknowledged within minutes.</summary>
    Urgent,
}
