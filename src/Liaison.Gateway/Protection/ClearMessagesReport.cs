namespace Liaison.Gateway.Protection;

/// <summary>What one pass over the messages stored in clear did (see <see cref="Storage.IGatewayStore.EncryptClearMessagesAsync"/>).</summary>
/// <param name="Encrypted">Messages whose personal columns this pass encrypted in place.</param>
/// <param name="Remaining">Messages that still hold personal data in clear after it.</param>
public sealed record ClearMessagesReport(int Encrypted, long Remaining);
