using OrleansFeed.TestKit.Nats;
using static OrleansFeed.Nats.IntegrationTests.NatsTestHelpers;

namespace OrleansFeed.Nats.IntegrationTests;

/// <summary>Verifies core pub/sub, headers, queue groups, request/reply, no-responders, unsubscribe, flush and slow consumers against nats-server.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsConnectionTests(NatsServerFixture server)
{
    [Fact]
    public async Task PublishSubscribe_WithHeaders_RoundTripsSubjectHeadersAndPayload()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.pubsub.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        var headers = new NatsHeaders { { "X-Venue", "binance" }, { "X-Multi", "a" }, { "X-Multi", "b" } };
        await nats.PublishAsync(subject, Bytes("hello"), headers, cancellationToken: cts.Token);
        await nats.PublishAsync(subject, Bytes("plain"), cancellationToken: cts.Token);

        var first = await sub.Msgs.ReadAsync(cts.Token);
        first.Subject.Should().Be(subject);
        Text(first.Data).Should().Be("hello");
        first.Headers!["X-Venue"].Should().Be("binance");
        first.Headers.TryGetValues("X-Multi", out var multi).Should().BeTrue();
        multi.Should().Equal("a", "b");
        var second = await sub.Msgs.ReadAsync(cts.Token);
        second.Headers.Should().BeNull();
        Text(second.Data).Should().Be("plain");
    }

    [Fact]
    public async Task QueueGroup_TwoMembers_EachMessageDeliveredToExactlyOne()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.queue.{server.NextId()}";
        await using var a = await nats.SubscribeCoreAsync(subject, "workers", cancellationToken: cts.Token);
        await using var b = await nats.SubscribeCoreAsync(subject, "workers", cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        for (var i = 0; i < 50; i++)
        {
            await nats.PublishAsync(subject, Bytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken: cts.Token);
        }

        var received = new List<string>();
        while (received.Count < 50)
        {
            var reader = a.Msgs.TryRead(out var m) ? m : b.Msgs.TryRead(out var n) ? n : default;
            if (reader.Subject is null)
            {
                await Task.WhenAny(a.Msgs.WaitToReadAsync(cts.Token).AsTask(), b.Msgs.WaitToReadAsync(cts.Token).AsTask());
                continue;
            }

            received.Add(Text(reader.Data));
        }

        await nats.FlushAsync(cts.Token);
        received.Should().OnlyHaveUniqueItems().And.HaveCount(50);
        a.Msgs.TryRead(out _).Should().BeFalse();
        b.Msgs.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Request_WithResponder_ReturnsReply()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.req.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);
        var responder = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var request = await sub.Msgs.ReadAsync(cts.Token);
                await request.ReplyAsync(Bytes("re:" + Text(request.Data)), cancellationToken: cts.Token);
            }
        });

        var reply1 = await nats.RequestAsync(subject, Bytes("one"), cancellationToken: cts.Token);
        var reply2 = await nats.RequestAsync(subject, Bytes("two"), cancellationToken: cts.Token);
        await responder;

        Text(reply1.Data).Should().Be("re:one");
        Text(reply2.Data).Should().Be("re:two");
    }

    [Fact]
    public async Task Request_WithoutResponders_ThrowsNoResponders()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);

        var act = async () => await nats.RequestAsync($"t.nobody.{server.NextId()}", Bytes("x"), timeout: TimeSpan.FromSeconds(5), cancellationToken: cts.Token);

        await act.Should().ThrowAsync<NatsNoRespondersException>();
    }

    [Fact]
    public async Task Unsubscribe_ThenPublish_StopsDeliveryAndCompletesChannel()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.unsub.{server.NextId()}";
        var sub = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await using var witness = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);
        await nats.PublishAsync(subject, Bytes("before"), cancellationToken: cts.Token);
        (await sub.Msgs.ReadAsync(cts.Token)).Data.Length.Should().Be(6);
        (await witness.Msgs.ReadAsync(cts.Token)).Data.Length.Should().Be(6);

        await sub.DisposeAsync();
        await nats.PublishAsync(subject, Bytes("after"), cancellationToken: cts.Token);
        // The witness receiving "after" proves the server processed the publish; the disposed sub must not.
        Text((await witness.Msgs.ReadAsync(cts.Token)).Data).Should().Be("after");

        var remaining = new List<NatsMsg>();
        await foreach (var msg in sub.Msgs.ReadAllAsync(cts.Token))
        {
            remaining.Add(msg);
        }

        remaining.Should().BeEmpty();
    }

    [Fact]
    public async Task Flush_AfterPublishes_OtherSubscriberAlreadyHasAll()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var publisher = await ConnectAsync(server, cts.Token);
        await using var subscriber = await ConnectAsync(server, cts.Token);
        var subject = $"t.flush.{server.NextId()}";
        await using var sub = await subscriber.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await subscriber.FlushAsync(cts.Token);

        for (var i = 0; i < 100; i++)
        {
            await publisher.PublishAsync(subject, Bytes("m"), cancellationToken: cts.Token);
        }

        await publisher.FlushAsync(cts.Token);
        var count = 0;
        while (count < 100)
        {
            await sub.Msgs.ReadAsync(cts.Token);
            count++;
        }

        count.Should().Be(100);
    }

    [Fact]
    public async Task SlowConsumer_SmallChannelNotRead_DropsCountsAndRaisesEventOnce()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var events = new List<NatsSlowConsumerEventArgs>();
        var raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nats.SlowConsumerDetected += (_, e) =>
        {
            lock (events) { events.Add(e); }
            raised.TrySetResult();
        };
        var subject = $"t.slow.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync(subject, opts: new NatsSubOpts { ChannelCapacity = 4 }, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        for (var i = 0; i < 20; i++)
        {
            await nats.PublishAsync(subject, Bytes("x"), cancellationToken: cts.Token);
        }

        // The PONG comes after all 20 MSGs on the same socket, so every delivery decision has been made.
        await nats.FlushAsync(cts.Token);
        await raised.Task.WaitAsync(cts.Token);

        sub.DroppedCount.Should().Be(16);
        lock (events)
        {
            events.Should().ContainSingle().Which.Subscription.Should().BeSameAs(sub);
        }
    }
}
