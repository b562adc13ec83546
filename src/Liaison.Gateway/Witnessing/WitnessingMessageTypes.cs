namespace Liaison.Gateway.Witnessing;

/// <summary>
/// The message types cross-witnessing travels as. Both are in the agreement's default types
/// (AgreementDraft.DefaultMessageTypes), so every agreement drafted with the defaults allows them.
/// </summary>
public static class WitnessingMessageTypes
{
    /// <summary>What both types start with: the inbox of the API leaves them out unless asked (they are the gateways' own traffic).</summary>
    public const string Prefix = "audit.";

    /// <summary>A node asks its partner to cosign its latest checkpoint (liaison.audit.v1.CheckpointForWitness).</summary>
    public const string Checkpoint = "audit.checkpoint";

    /// <summary>The witness answers: a cosignature, an alert, or why it did not cosign (liaison.audit.v1.WitnessAnswer).</summary>
    public const string Cosignature = "audit.cosignature";
}
