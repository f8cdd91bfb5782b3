using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Bridge.Nats.Publishing;
using OrleansFeed.Bridge.Nats.Status;
using OrleansFeed.Bridge.Nats.Subjects;
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

        await publisher.PublishOneAsync(Message(queue, $"{prefix}.book", "{}", 42, 3, "update", null), cts.Token);
        await publisher.PublishOneAsync(Message(queue, $"{prefix}.trade", "{\"t\":1}", 7, -1, null, "binance:BTCUSDT:99"), cts.Token);
        await publisher.PublishOneAsync(Message(queue, $"{prefix}.bbo", "[]", long.MaxValue, -1, null, null), cts.Token);

        var book = await sub.Msgs.ReadAsync(cts.Token);
        book.Headers!.Select(h => h.Key).Should().Equal(MdHeaders.Sequence, MdHeaders.Epoch, MdHeaders.Kind, MdHeaders.Source);
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
