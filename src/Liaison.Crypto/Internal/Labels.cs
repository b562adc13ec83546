namespace Liaison.Crypto.Internal;

/// <summary>
/// Every fixed domain-separation label of the wire format, in one place so the
/// spec (protos/ENVELOPE-SPEC.md) and the code cannot drift apart. All are ASCII.
/// </summary>
internal static class Labels
{
    public static readonly byte[] EnvelopeSignature = "liaison-envelope-v1/signature"u8.ToArray();
    public static readonly byte[] ReceiptSignature = "liaison-receipt-v1/signature"u8.ToArray();
    public static readonly byte[] ReceiptBatchSignature = "liaison-receipt-batch-v1/signature"u8.ToArray();
    public static readonly byte[] AgreementSignature = "liaison-agreement-v1/signature"u8.ToArray();
    public static readonly byte[] HybridSessionSalt = "liaison-envelope-v1/hybrid-x25519-mlkem768"u8.ToArray();
    public static readonly byte[] GmSessionSalt = "liaison-envelope-v1/gm-sm2"u8.ToArray();
    public static readonly byte[] ContentKeySalt = "liaison-envelope-v1/content-key"u8.ToArray();
    public static readonly byte[] KeyFileAssociatedData = "liaison-private-key-v1"u8.ToArray();
}
