using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Tests;

/// <summary>
/// A real client (kernel socket, small receive buffer) that stops reading: the bounded socket send buffer makes a
/// send block after little data, the session's queue conflates the book, and the send timeout disconnects it with
/// the documented reason, while the queue-full timeout alone (10 min here) would not have fired.
/// </summary>
public sealed class SlowConsumerSendTimeoutTests : IAsyncLifetime
{
    private const string Subscribe = """{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":5,"id":1}""";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private ApiHost _host = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(o =>
    {
        o.WebSocket.SendQueueCapacity = 64;
        o.WebSocket.SlowConsumerTimeout = TimeSpan.FromMinutes(10);
        o.WebSocket.SendTimeout = TimeSpan.FromSeconds(2);
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task ClientThatStopsReading_SendBlocks_IsConflatedThenDisconnectedBySendTimeout()
    {
        await using var slow = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, receiveBufferBytes: 4096);
        await slow.SendAsync(Subscribe, Ct);
        var slowStats = await WaitForAsync(() => _host.Sessions.Sessions.SingleOrDefault(), "slow session registered");
        await using var fast = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await fast.SendAsync(Subscribe, Ct);
        await fast.ExpectAsync("ack", Ct);
        await fast.ExpectAsync("snapshot", Ct);

        // ~10 KB deltas, paced by the fast client reading each one, until the slow client is gone.
        var changes = Enumerable.Range(0, 300).Select(i => FakeOrderBookGrain.Bid($"50{i:000}.25", "1.123456")).ToArray();
        var deltaBytes = 0;
        for (var i = 0; i < 100_000 && slowStats.IsOpen; i++)
        {
            var delta = await _host.Btc.ApplyAsync(changes);
            var message = await fast.ExpectAsync("delta", Ct);
            message.GetProperty("sequence").GetInt64().Should().Be(delta.Sequence);
            deltaBytes = message.GetRawText().Length;
        }

        slowStats.IsOpen.Should().BeFalse("the stalled client is disconnected while data keeps flowing");
        slowStats.SlowConsumerDisconnected.Should().BeTrue("the blocked send hit Api:WebSocket:SendTimeout");
        slowStats.Conflations.Should().BePositive("the queue behind the blocked send conflated the book");
        // Bounded socket buffer: what the stalled client was sent fits in about a megabyte, not the kernel's
        // auto-tuned several MiB (then the session would only notice after minutes of data at a real feed's rate).
        (slowStats.MessagesSent * deltaBytes).Should().BeLessThan(1 << 20);
        var closed = await slow.ReceiveUntilClosedAsync(Ct);
        closed.Should().BeTrue("the server closes with 1008 or aborts the connection");
    }

    private async Task<T> WaitForAsync<T>(Func<T?> probe, string phase)
        where T : class
    {
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            Ct.IsCancellationRequested.Should().BeFalse($"timed out waiting for: {phase}");
            await Task.Delay(10, Ct);
        }
    }
}
