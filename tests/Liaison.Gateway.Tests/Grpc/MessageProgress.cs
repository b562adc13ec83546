using Liaison.Gateway.V1;

namespace Liaison.Gateway.Tests.Grpc;

/// <summary>Compares messages apart from how far delivery has got, which moves on its own.</summary>
public static class MessageProgress
{
    public static Message WithoutProgress(this Message message)
    {
        message.State = MessageState.Unspecified;
        message.UpdateTime = null;
        return message;
    }
}
