using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>The outbound queue's drop policy: drop newest, but keep each subject's newest dropped message for after the burst.</summary>
public sealed class BridgeQueueTests
{
    [Fact]
    public void Burst_BeyondCapacity_KeepsTheNewestDroppedMessageOfEachSubjectForAfterTheDrain()
    {
        var status = new NatsBridgeStatus();
        var queue = new BridgeQueue(2, status);
        for (var seq = 1; seq <= 5; seq++)
        {
            queue.TryEnqueue(Message(queue, "md.v1.book.v.A", seq));
        }

        queue.TryEnqueue(Message(queue, "md.v1.book.v.B", 1));

        var published = Drain(queue);

        // Queued 1 and 2 of A; then A's newest dropped (5) and B's only message, which the burst dropped.
        published.Should().Equal(("md.v1.book.v.A", 1L), ("md.v1.book.v.A", 2L), ("md.v1.book.v.A", 5L), ("md.v1.book.v.B", 1L));
        status.Snapshot().DroppedQueueFull.Should().Be(4);
        status.Snapshot().ResentAfterDrop.Should().Be(2);
        queue.DeferredCount.Should().Be(0);
    }

    [Fact]
    public void LaterMessage_OfADroppedSubject_ReplacesTheKeptOne()
    {
        var status = new NatsBridgeStatus();
        var queue = new BridgeQueue(1, status);
        queue.TryEnqueue(Message(queue, "s", 1));
        queue.TryEnqueue(Message(queue, "s", 2)).Should().BeFalse();
        queue.DeferredCount.Should().Be(1);

        Drain(queue, takeDeferred: false).Should().Equal(("s", 1L));
        queue.TryEnqueue(Message(queue, "s", 3)).Should().BeTrue();

        // Message 3 reveals the gap by itself: the kept message 2 is not sent after it.
        queue.DeferredCount.Should().Be(0);
        Drain(queue).Should().Equal(("s", 3L));
    }

    private static OutboundMessage Message(BridgeQueue queue, string subject, long sequence) =>
        new(subject, queue.Rent(16), 16, sequence, 1, "update", null, Timestamp.None);

    private static List<(string, long)> Drain(BridgeQueue queue, bool takeDeferred = true)
    {
        var result = new List<(string, long)>();
        while (queue.Reader.TryRead(out var message) || (takeDeferred && queue.TryTakeDeferred(out message)))
        {
            result.Add((message.Subject, message.Sequence));
            queue.Return(message.Buffer);
        }

        return result;
    }
}
