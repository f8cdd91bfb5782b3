using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Api.WebSockets;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies back-pressure: a client that stops reading is conflated, then disconnected, without slowing a fast client.</summary>
public sealed class SlowConsumerTests : IAsyncLifetime
{
    private const string Subscribe = """{"op":"subscribe","channel":"book","venue":"binance","symbol":"BTCUSDT","depth":5,"id":1}""";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(25));
    private ApiHost _host = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(o =>
    {
        o.WebSocket.SendQueueCapacity = 16;
        o.WebSocket.SlowConsumerTimeout = TimeSpan.FromMilliseconds(500);
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task SlowClient_NotReading_IsConflatedThenDisconnectedWhileFastClientKeepsReceiving()
    {
        long meterConflations = 0;
        long meterSlowDisconnects = 0;
        var meterFactory = _host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ApiMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name.EndsWith(".conflations", StringComparison.Ordinal))
            {
                Interlocked.Add(ref meterConflations, value);
            }
            else if (instrument.Name.EndsWith(".slow_disconnects", StringComparison.Ordinal))
            {
                Interlocked.Add(ref meterSlowDisconnects, value);
            }
        });
        listener.Start();

        await using var slow = await WsClient.ConnectAsync(_host.WebSocketUri, Ct, receiveBufferBytes: 4096);
        await slow.SendAsync(Subscribe, Ct);
        var slowStats = await WaitForAsync(() => _host.Sessions.Sessions.SingleOrDefault(), "slow session registered");
        await using var fast = await WsClient.ConnectAsync(_host.WebSocketUri, Ct);
        await fast.SendAsync(Subscribe, Ct);
        await fast.ExpectAsync("ack", Ct);
        await fast.ExpectAsync("snapshot", Ct);
        var fastStats = _host.Sessions.Sessions.Single(s => s.Id != slowStats.Id);

        // Large deltas fill the slow client's socket buffers quickly; the fast client reads each one before the next.
        var changes = Enumerable.Range(0, 300).Select(i => FakeOrderBookGrain.Bid($"50{i:000}.25", "1.123456")).ToArray();
        for (var i = 0; i < 20_000 && slowStats.Conflations == 0; i++)
        {
            var delta = await _host.Btc.ApplyAsync(changes);
            await ExpectDeltaAsync(fast, delta);
        }

        slowStats.Conflations.Should().BeGreaterThan(0, "the slow client should have been conflated");
        await WaitForAsync(() => slowStats.SlowConsumerDisconnected && !slowStats.IsOpen ? slowStats : null, "slow client disconnected");

        var after = await _host.Btc.ApplyAsync(FakeOrderBookGrain.Ask("100.20", "9"));
        await ExpectDeltaAsync(fast, after);
        fastStats.Conflations.Should().Be(0);
        fastStats.IsOpen.Should().BeTrue();
        _host.Sessions.Sessions.Should().ContainSingle(s => s.Id == fastStats.Id);
        Interlocked.Read(ref meterConflations).Should().BeGreaterThanOrEqualTo(slowStats.Conflations);
        Interlocked.Read(ref meterSlowDisconnects).Should().Be(1);
    }

    private async Task ExpectDeltaAsync(WsClient client, BookDelta delta)
    {
        var message = await client.ExpectAsync("delta", Ct);
        message.GetProperty("sequence").GetInt64().Should().Be(delta.Sequence, "the fast client's sequence must stay gap-free");
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
