using Liaison.Gateway.Messaging;
using Liaison.Gateway.Storage;

namespace Liaison.Gateway.Tests.Messaging;

public sealed class OutboxFramesTests
{
    private static long nextId;

    [Fact]
    public void SmallItemsOfTheSameKindAndPartnerTravelTogetherInTheirOrder()
    {
        var items = new[] { Item(OutboxKind.Envelope, "cn-yunnan"), Item(OutboxKind.Receipt, "cn-yunnan"), Item(OutboxKind.Envelope, "cn-yunnan"), Item(OutboxKind.Envelope, "vn-other") };

        var frames = OutboxFrames.Pack(items);

        Assert.Equal(3, frames.Count);
        var envelopes = Assert.Single(frames, f => f.Kind == OutboxKind.Envelope && f.Destination == "cn-yunnan");
        Assert.Equal([items[0].Id, items[2].Id], envelopes.Items.Select(i => i.Id));
        Assert.Single(Assert.Single(frames, f => f.Kind == OutboxKind.Receipt).Items);
        Assert.Single(Assert.Single(frames, f => f.Destination == "vn-other").Items);
        Assert.Equal(items.Select(i => i.Id).Order(), frames.SelectMany(f => f.Items).Select(i => i.Id).Order());
    }

    [Fact]
    public void AFrameIsCutAtItsItemCountAndAtItsSize()
    {
        var many = Enumerable.Range(0, OutboxFrames.MaxItems + 1).Select(_ => Item(OutboxKind.Envelope, "cn-yunnan")).ToList();
        Assert.Equal([OutboxFrames.MaxItems, 1], OutboxFrames.Pack(many).Select(f => f.Items.Count));

        var perFrame = OutboxFrames.MaxBytes / OutboxFrames.MaxItemBytes;
        var large = Enumerable.Range(0, perFrame + 1).Select(_ => Item(OutboxKind.Envelope, "cn-yunnan", OutboxFrames.MaxItemBytes)).ToList();
        var frames = OutboxFrames.Pack(large);
        Assert.Equal([perFrame, 1], frames.Select(f => f.Items.Count));
        Assert.All(frames, f => Assert.True(f.Items.Sum(i => i.Bytes.Length) <= OutboxFrames.MaxBytes));
    }

    [Fact]
    public void AnItemLargerThanTheItemBoundAlwaysTravelsAlone()
    {
        var items = new[] { Item(OutboxKind.Envelope, "cn-yunnan"), Item(OutboxKind.Envelope, "cn-yunnan", OutboxFrames.MaxItemBytes + 1), Item(OutboxKind.Envelope, "cn-yunnan") };

        var frames = OutboxFrames.Pack(items);

        Assert.Equal(2, frames.Count);
        Assert.Equal([items[1].Id], Assert.Single(frames, f => f.Items.Count == 1).Items.Select(i => i.Id));
    }

    private static OutboxItem Item(OutboxKind kind, string destination, int bytes = 3400) =>
        new(Interlocked.Increment(ref nextId), Guid.CreateVersion7(), destination, kind, new byte[bytes], 0);
}
