using OrleansFeed.Nats.Js;
using OrleansFeed.TestKit.Nats;
using static OrleansFeed.Nats.IntegrationTests.NatsTestHelpers;

namespace OrleansFeed.Nats.IntegrationTests;

/// <summary>Verifies JetStream streams, publish acks and de-duplication, ordered replay and durable pull fetch/ack against nats-server -js.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsJSContextTests(NatsServerFixture server)
{
    [Fact]
    public async Task Publish_DuplicateMsgId_SecondAckFlaggedDuplicateAndNotStored()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var js = new NatsJSContext(nats);
        var name = $"DEDUP{server.NextId()}";
        var info = await js.CreateOrUpdateStreamAsync(new NatsJSStreamConfig(name, [$"{name}.>"]) { Storage = NatsJSStorageType.Memory, MaxAge = TimeSpan.FromMinutes(5), DuplicateWindow = TimeSpan.FromMinutes(1) }, cts.Token);
        info.Name.Should().Be(name);

        var first = await js.PublishAsync($"{name}.a", Bytes("1"), msgId: "id-1", cancellationToken: cts.Token);
        var again = await js.PublishAsync($"{name}.a", Bytes("1"), msgId: "id-1", cancellationToken: cts.Token);
        var second = await js.PublishAsync($"{name}.a", Bytes("2"), msgId: "id-2", cancellationToken: cts.Token);

        first.Should().Be(new NatsJSPubAck(name, 1, false, null));
        again.Duplicate.Should().BeTrue();
        again.Seq.Should().Be(1);
        second.Seq.Should().Be(2);
        (await js.DeleteStreamAsync(name, cts.Token)).Should().BeTrue();
        (await js.DeleteStreamAsync(name, cts.Token)).Should().BeFalse();
    }

    [Fact]
    public async Task OrderedConsumer_FromStartSequence_ReplaysRemainingMessagesInOrder()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var js = new NatsJSContext(nats);
        var name = $"ORDERED{server.NextId()}";
        await js.CreateOrUpdateStreamAsync(new NatsJSStreamConfig(name, [$"{name}.>"]) { Storage = NatsJSStorageType.File }, cts.Token);
        for (var i = 1; i <= 5; i++)
        {
            await js.PublishAsync($"{name}.x", Bytes($"m{i}"), cancellationToken: cts.Token);
        }

        var consumer = js.CreateOrderedConsumer(name, new NatsJSOrderedConsumerOpts { DeliverPolicy = NatsJSDeliverPolicy.ByStartSequence, OptStartSeq = 3 });
        var got = new List<(ulong Seq, string Text)>();
        await foreach (var msg in consumer.ConsumeAsync(cts.Token))
        {
            got.Add((msg.Metadata.StreamSeq, Text(msg.Msg.Data)));
            if (got.Count == 3)
            {
                break;
            }
        }

        got.Should().Equal((3UL, "m3"), (4UL, "m4"), (5UL, "m5"));
        await js.DeleteStreamAsync(name, cts.Token);
    }

    [Fact]
    public async Task DurablePullConsumer_FetchAndAck_DeliversBatchAndAckFloorAdvances()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var js = new NatsJSContext(nats);
        var name = $"PULL{server.NextId()}";
        await js.CreateOrUpdateStreamAsync(new NatsJSStreamConfig(name, [$"{name}.>"]) { Storage = NatsJSStorageType.Memory }, cts.Token);
        for (var i = 1; i <= 3; i++)
        {
            await js.PublishAsync($"{name}.x", Bytes($"m{i}"), cancellationToken: cts.Token);
        }

        var consumer = await js.CreateOrUpdateConsumerAsync(name, new NatsJSConsumerConfig("worker"), cts.Token);
        var got = new List<string>();
        await foreach (var msg in consumer.FetchAsync(3, TimeSpan.FromSeconds(2), cts.Token))
        {
            got.Add(Text(msg.Msg.Data));
            await msg.AckAsync(doubleAck: true, cts.Token);
        }

        got.Should().Equal("m1", "m2", "m3");
        var info = await js.GetConsumerInfoAsync(name, "worker", cts.Token);
        info.AckFloorStreamSeq.Should().Be(3);
        info.NumAckPending.Should().Be(0);
        info.NumPending.Should().Be(0);
        await js.DeleteStreamAsync(name, cts.Token);
    }
}
