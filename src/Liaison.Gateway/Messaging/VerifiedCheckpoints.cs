namespace Liaison.Gateway.Messaging;

/// <summary>
/// The receiver checkpoints whose signature this node has verified, each with the id of the key
/// that verified it, so that the receipts of one batch (which share a checkpoint) cost one
/// signature check. Only ever holds checkpoints that verified; bounded, and simply cleared
/// when full, since the receipts of a batch arrive together. Thread-safe.
/// </summary>
internal sealed class VerifiedCheckpoints
{
    private const int Capacity = 256;

    private readonly HashSet<(string KeyId, string Note)> verified = [];
    private readonly Lock gate = new();

    public bool Contains(string keyId, string note)
    {
        lock (gate)
        {
            return verified.Contains((keyId, note));
        }
    }

    public void Add(string keyId, string note)
    {
        lock (gate)
        {
            if (verified.Count >= Capacity)
            {
                verified.Clear();
            }

            verified.Add((keyId, note));
        }
    }
}
