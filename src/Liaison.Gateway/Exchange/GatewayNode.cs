using Liaison.Crypto.Agreements;
using Liaison.Crypto.Envelopes;
using Liaison.Crypto.Keys;

namespace Liaison.Gateway.Exchange;

/// <summary>
/// This gateway's identity under the agreement in force: its keys and the sealer,
/// opener and receipt signer/verifier built from them once at start-up. Every part
/// is thread-safe, so one instance serves the gRPC API and the message consumers.
/// </summary>
public sealed class GatewayNode
{
    public GatewayNode(AgreementInForce agreement, KeyRing keys, TimeProvider time, SealerOptions? sealerOptions = null, OpenerOptions? openerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        if (agreement.FindParty(keys.Owner) is null)
        {
            throw new ArgumentException($"The keys belong to '{keys.Owner}', which is not a party to agreement version {agreement.Version}.", nameof(keys));
        }

        Agreement = agreement;
        Keys = keys;
        Sealer = new EnvelopeSealer(agreement, keys, time, sealerOptions);
        Opener = new EnvelopeOpener(agreement, keys, time, openerOptions);
        ReceiptSigner = new ReceiptSigner(agreement, keys, time);
        ReceiptVerifier = new ReceiptVerifier(agreement, keys.Owner, time, openerOptions);
    }

    /// <summary>This node's id, e.g. "vn-laocai".</summary>
    public string NodeId => Keys.Owner;

    public AgreementInForce Agreement { get; }

    public KeyRing Keys { get; }

    public EnvelopeSealer Sealer { get; }

    public EnvelopeOpener Opener { get; }

    public ReceiptSigner ReceiptSigner { get; }

    public ReceiptVerifier ReceiptVerifier { get; }

    /// <summary>The partner nodes this node may send to.</summary>
    public IEnumerable<string> Peers =>
        Agreement.Document.Links.Where(l => l.SenderNode == NodeId).Select(l => l.RecipientNode);
}
