using System.Text;
using OrleansFeed.TestKit.Nats;
using static OrleansFeed.Nats.IntegrationTests.NatsTestHelpers;

namespace OrleansFeed.Nats.IntegrationTests;

/// <summary>Verifies that a reused pre-encoded <see cref="NatsHeaderBlock"/> publishes the headers nats-server delivers, in order, and rejects bad keys and values.</summary>
[Collection(NatsCollection.Name)]
public sealed class NatsHeaderBlockTests(NatsServerFixture server)
{
    [Fact]
    public async Task PublishHeaderBlock_ReusedAcrossMessages_EachMessageCarriesItsOwnHeaders()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.hblock.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        var block = new NatsHeaderBlock();
        block.Add("Md-Seq"u8, 42);
        block.Add("Md-Epoch"u8, -1);
        block.Add("Md-Kind"u8, "update");
        block.Add("Md-Source"u8, "bridge-é"u8);
        block.Add("X-Multi"u8, "a");
        block.Add("X-Multi"u8, "b");
        await nats.PublishAsync(subject, block, Bytes("first"), cancellationToken: cts.Token);
        block.Clear();
        block.Add("Md-Seq"u8, long.MaxValue);
        await nats.PublishAsync(subject, block, Bytes("second"), replyTo: "t.reply", cancellationToken: cts.Token);

        var first = await sub.Msgs.ReadAsync(cts.Token);
        Text(first.Data).Should().Be("first");
        first.Headers.Should().NotBeNull();
        first.Headers!.Select(h => h.Key).Should().Equal("Md-Seq", "Md-Epoch", "Md-Kind", "Md-Source", "X-Multi");
        first.Headers!["Md-Seq"].Should().Be("42");
        first.Headers!["Md-Epoch"].Should().Be("-1");
        first.Headers!["Md-Kind"].Should().Be("update");
        first.Headers!["Md-Source"].Should().Be("bridge-é");
        first.Headers!.TryGetValues("X-Multi", out var multi).Should().BeTrue();
        multi.Should().Equal("a", "b");
        var second = await sub.Msgs.ReadAsync(cts.Token);
        Text(second.Data).Should().Be("second");
        second.ReplyTo.Should().Be("t.reply");
        second.Headers!.Count.Should().Be(1);
        second.Headers!["Md-Seq"].Should().Be("9223372036854775807");
    }

    [Fact]
    public async Task PublishHeaderBlock_PastInitialCapacity_GrowsAndDeliversEveryHeader()
    {
        if (server.SkipReason is not null) { return; }
        using var cts = Timeout();
        await using var nats = await ConnectAsync(server, cts.Token);
        var subject = $"t.hblock.grow.{server.NextId()}";
        await using var sub = await nats.SubscribeCoreAsync(subject, cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        var block = new NatsHeaderBlock(initialCapacity: 64);
        var longValue = new string('v', 500);
        block.Add("X-Long"u8, longValue);
        block.Add("X-Number"u8, 7);
        await nats.PublishAsync(subject, block, ReadOnlyMemory<byte>.Empty, cancellationToken: cts.Token);

        var msg = await sub.Msgs.ReadAsync(cts.Token);
        msg.Data.Length.Should().Be(0);
        msg.Headers!["X-Long"].Should().Be(longValue);
        msg.Headers!["X-Number"].Should().Be("7");
        block.Span.EndsWith("\r\n\r\n"u8).Should().BeTrue();
    }

    [Fact]
    public void HeaderBlock_KeyOrValueTheBlockCannotCarry_ThrowsAndKeepsBlockIntact()
    {
        var block = new NatsHeaderBlock();
        block.Add("Md-Seq"u8, 1);
        var before = Encoding.ASCII.GetString(block.Span);

        ((Action)(() => block.Add("Bad Key"u8, 1))).Should().Throw<ArgumentException>();
        ((Action)(() => block.Add("Bad:Key"u8, 1))).Should().Throw<ArgumentException>();
        ((Action)(() => block.Add(""u8, 1))).Should().Throw<ArgumentException>();
        ((Action)(() => block.Add("X"u8, "a\r\nInjected: 1"))).Should().Throw<ArgumentException>();
        ((Action)(() => block.Add("X"u8, "a\nb"u8))).Should().Throw<ArgumentException>();

        Encoding.ASCII.GetString(block.Span).Should().Be(before).And.Be("NATS/1.0\r\nMd-Seq: 1\r\n\r\n");
    }

    [Fact]
    public async Task PublishHeaderBlock_WhileReconnecting_IsBufferedAndDeliveredWithHeaders()
    {
        await using var restartable = NatsServerFixture.WithArgs();
        await restartable.InitializeAsync();
        if (restartable.SkipReason is not null) { return; }
        using var cts = Timeout(20);
        var opts = NatsOpts.Default with { ReconnectWaitMin = TimeSpan.FromMilliseconds(20), ReconnectWaitMax = TimeSpan.FromMilliseconds(200), ReconnectJitter = TimeSpan.FromMilliseconds(20) };
        await using var nats = await ConnectAsync(restartable, cts.Token, opts);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        nats.ConnectionDisconnected += (_, _) => disconnected.TrySetResult();
        await using var sub = await nats.SubscribeCoreAsync("t.hblock.restart", cancellationToken: cts.Token);
        await nats.FlushAsync(cts.Token);

        await restartable.StopAsync();
        await disconnected.Task.WaitAsync(cts.Token);
        var block = new NatsHeaderBlock();
        block.Add("Md-Seq"u8, 5);
        await nats.PublishAsync("t.hblock.restart", block, Bytes("buffered"), cancellationToken: cts.Token);
        block.Clear();
        await restartable.StartAsync();

        var msg = await sub.Msgs.ReadAsync(cts.Token);
        Text(msg.Data).Should().Be("buffered");
        msg.Headers!["Md-Seq"].Should().Be("5");
    }
}
