using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests;

public sealed class MessageTransitionsTests
{
    [Theory]
    [InlineData(MessageState.Accepted, MessageState.Sealed)]
    [InlineData(MessageState.Sealed, MessageState.Published)]
    [InlineData(MessageState.Sealed, MessageState.Delivered)]
    [InlineData(MessageState.Published, MessageState.Delivered)]
    [InlineData(MessageState.Published, MessageState.Rejected)]
    [InlineData(MessageState.Published, MessageState.Expired)]
    [InlineData(MessageState.Expired, MessageState.Delivered)]
    public void OutboundMessagesMoveForward(MessageState from, MessageState to) =>
        Assert.True(MessageTransitions.CanMove(MessageDirection.Outbound, from, to));

    [Theory]
    [InlineData(MessageState.Delivered, MessageState.Rejected)]
    [InlineData(MessageState.Delivered, MessageState.Expired)]
    [InlineData(MessageState.Rejected, MessageState.Delivered)]
    [InlineData(MessageState.Published, MessageState.Sealed)]
    [InlineData(MessageState.Sealed, MessageState.Stored)]
    [InlineData(MessageState.Accepted, MessageState.Published)]
    public void OutboundMessagesNeverMoveBackOrSideways(MessageState from, MessageState to) =>
        Assert.False(MessageTransitions.CanMove(MessageDirection.Outbound, from, to));

    [Theory]
    [InlineData(MessageState.Received, MessageState.Verified, true)]
    [InlineData(MessageState.Verified, MessageState.Stored, true)]
    [InlineData(MessageState.Received, MessageState.Rejected, true)]
    [InlineData(MessageState.Rejected, MessageState.Received, true)]
    [InlineData(MessageState.Received, MessageState.Stored, false)]
    [InlineData(MessageState.Stored, MessageState.Rejected, false)]
    [InlineData(MessageState.Stored, MessageState.Delivered, false)]
    [InlineData(MessageState.Verified, MessageState.Rejected, false)]
    public void InboundMessagesFollowTheirOwnPath(MessageState from, MessageState to, bool allowed) =>
        Assert.Equal(allowed, MessageTransitions.CanMove(MessageDirection.Inbound, from, to));
}
