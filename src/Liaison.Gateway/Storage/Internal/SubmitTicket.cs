using Liaison.Crypto.Envelopes;

namespace Liaison.Gateway.Storage.Internal;

/// <summary>
/// One submit on its way through <see cref="SubmitSealing"/> to the store's writer: the envelope
/// sealed ahead with the link sequence forecast for it, if there was a forecast, and the sequence
/// the writer's transaction really gave it. Written by one stage at a time.
/// </summary>
internal sealed class SubmitTicket(string peerNode)
{
    public string PeerNode => peerNode;

    /// <summary>The sequence the envelope was sealed ahead with; null when it was not.</summary>
    public ulong? Forecast { get; set; }

    public SealResult? Presealed { get; set; }

    /// <summary>The sequence the submit's transaction took (its last run, if the batch ran again); null for a replay.</summary>
    public ulong? Assigned { get; set; }

    /// <summary>The envelope sealed ahead, when it carries the sequence the transaction took; null otherwise.</summary>
    public SealResult? PresealedFor(ulong sequence) => Forecast == sequence ? Presealed : null;
}
