using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Exchange;

/// <summary>
/// Hears about every inbound message once its record has committed, so that the gRPC
/// API can push new arrivals to the clients following the inbox.
/// <para>
/// The message consumer calls <see cref="MessageRecorded"/> with
/// <see cref="RecordResult.Message"/> after <see cref="IGatewayStore.RecordInboundAsync"/>
/// returns a result that is not a duplicate (stored or refused alike). It is called
/// after the commit, never before: a subscriber must never see a message that a crash
/// could still take back.
/// </para>
/// <para>Implementations are thread-safe, return at once and never throw.</para>
/// </summary>
public interface IInboxNotifications
{
    void MessageRecorded(MessageRecord message);
}
