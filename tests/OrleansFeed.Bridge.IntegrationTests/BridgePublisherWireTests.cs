using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Core.Time;
using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>Verifies the publisher's byte-encoded headers reach nats-server exactly as docs/nats-bridge.md "Headers" lists them (names, order, values) and that queue buffers are reused.</summary>
[Collection(NatsCollection.Name)]
public sealed class BridgePublisherWireTests(NatsServerFixture server)
{
    [Fact]
    public async Task PublishOne_BookTradeAndPlainMessages_CarryTheDocumentedHeadersInOrder()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        await nats.ConnectAsync();
        var prefix = $"t.wire{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{prefix}.>", cancellationToken: cts.Token);
        await nats.PingAsync(cts.Token);
        var status = new NatsBridgeStatus();
        var queue = new BridgeQueue(16, status);
        var publisher = new BridgePublisher(queue, status, () => nats, "src-1", TimeProvider.System, NullLogger.Instance);

        await publisher.PublishOneAsync(Message(queue, $"{prefix}.book", "{}", 42, 3, "update", null) with { SyncState = "unverified" }, cts.Token);
        await publisher.PublishOneAsync(Message(queue, $"{prefix}.trade", "{\"t\":1}", 7, -1, null, "binance:BTCUSDT:99"), cts.Token);
        await publisher.PublishOneAsync(Message(queue, $"{prefix}.bbo", "[]", long.MaxValue, -1, null, null), cts.Token);

        var book = await sub.Msgs.ReadAsync(cts.Token);
        book.Headers!.Select(h => h.Key).Should().Equal(MdHeaders.Sequence, MdHeaders.Epoch, MdHeaders.Kind, MdHeaders.SyncState, MdHeaders.Source);
        book.Headers![MdHeaders.SyncState].ToString().Should().Be("unverified", "the book's state travels in a header too");
        book.Headers![MdHeaders.Sequence].ToString().Should().Be("42");
        book.Headers![MdHeaders.Epoch].ToString().Should().Be("3");
        book.Headers![MdHeaders.Kind].ToString().Should().Be("update");
        book.Headers![MdHeaders.Source].ToString().Should().Be("src-1");
        System.Text.Encoding.UTF8.GetString(book.Data.Span).Should().Be("{}");
        var trade = await sub.Msgs.ReadAsync(cts.Token);
        trade.Headers!.Select(h => h.Key).Should().Equal(MdHeaders.Sequence, MdHeaders.Source, MdHeaders.MsgId);
        trade.Headers![MdHeaders.Sequence].ToString().Should().Be("7");
        trade.Headers![MdHeaders.MsgId].ToString().Should().Be("binance:BTCUSDT:99");
        System.Text.Encoding.UTF8.GetString(trade.Data.Span).Should().Be("{\"t\":1}");
        var bbo = await sub.Msgs.ReadAsync(cts.Token);
        bbo.Headers!.Select(h => h.Key).Should().Equal(MdHeaders.Sequence, MdHeaders.Source);
        bbo.Headers![MdHeaders.Sequence].ToString().Should().Be("9223372036854775807");
        status.Snapshot().Published.Should().Be(3);
    }

    [Fact]
    public async Task Run_BeforeTheFirstConnect_KeepsEachSubjectsNewestMessageAndSendsItOnceConnected()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        await nats.ConnectAsync();
        var prefix = $"t.early{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync<ReadOnlyMemory<byte>>($"{prefix}.>", cancellationToken: cts.Token);
        await nats.PingAsync(cts.Token);
        var status = new NatsBridgeStatus();
        var queue = new BridgeQueue(16, status);
        NatsConnection? connection = null;
        var publisher = new BridgePublisher(queue, status, () => Volatile.Read(ref connection), "src-2", TimeProvider.System, NullLogger.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var loop = publisher.RunAsync(stop.Token);

        // The start-up burst: the silo publishes before the bridge's first connect.
        for (var seq = 1; seq <= 3; seq++)
        {
            queue.TryEnqueue(Message(queue, $"{prefix}.book.v.A", "{}", seq, 1, "update", null));
        }

        queue.TryEnqueue(Message(queue, $"{prefix}.nbbo.X", "{\"n\":1}", 1, -1, null, null));
        await BridgedSilo.WaitUntilAsync(() => queue.DeferredCount == 2 && queue.Count == 0, "burst kept aside", cts.Token);
        status.Snapshot().DroppedDisconnected.Should().Be(4);

        Volatile.Write(ref connection, nats);

        // Once connected (no new message needed to wake it): A's newest delta, which shows consumers the gap, and the NBBO.
        var received = new List<(string Subject, string? Seq)>();
        for (var i = 0; i < 2; i++)
        {
            var msg = await sub.Msgs.ReadAsync(cts.Token);
            received.Add((msg.Subject, msg.Headers![MdHeaders.Sequence].ToString()));
        }

        received.Should().BeEquivalentTo([($"{prefix}.book.v.A", (string?)"3"), ($"{prefix}.nbbo.X", (string?)"1")]);
        status.Snapshot().ResentAfterDrop.Should().Be(2);
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public void BridgeQueue_ReturnedBuffer_IsRentedAgainForTheSameSizeClass()
    {
        var queue = new BridgeQueue(4, new NatsBridgeStatus());

        var first = queue.Rent(700);
        queue.Return(first);
        var second = queue.Rent(900);
        var large = queue.Rent(2_000_000);

        first.Length.Should().Be(1024);
        second.Should().BeSameAs(first);
        large.Length.Should().Be(2_000_000, "payloads above the largest class are allocated exactly and not kept");
    }

    private static OutboundMessage Message(BridgeQueue queue, string subject, string body, long sequence, long epoch, string? kind, string? msgId)
    {
        var buffer = queue.Rent(body.Length);
        var length = System.Text.Encoding.UTF8.GetBytes(body, buffer);
        return new OutboundMessage(subject, buffer, length, sequence, epoch, kind, msgId, Timestamp.None);
    }
}
