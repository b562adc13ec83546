using Google.Protobuf;
using Liaison.Envelope.V1;

namespace Liaison.Gateway.Messaging;

/// <summary>
/// Reads which envelope a receipt claims to be about, before it is verified, so that the
/// envelope sent can be loaded to verify it against. The value is untrusted until then.
/// </summary>
public static class ReceiptEnvelopeId
{
    /// <returns>Null when the bytes are not a signed receipt with a 16-byte envelope id.</returns>
    public static Guid? TryRead(byte[] receipt)
    {
        try
        {
            var body = Receipt.Parser.ParseFrom(SignedReceipt.Parser.ParseFrom(receipt).Receipt);
            return body.EnvelopeId.Length == 16 ? new Guid(body.EnvelopeId.Span, bigEndian: true) : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
