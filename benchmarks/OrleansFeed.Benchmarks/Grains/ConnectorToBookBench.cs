using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Connectors;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Benchmarks.Grains;

/// <summary>
/// The connector → book hot path on a real in-process Orleans silo: a <see cref="BookFeed"/> (what the connector's
/// socket reader calls per parsed event) → the book's <see cref="LiveBook"/>, applied in place on the calling thread
/// (the book is active on this silo, as books are placed with their connector) → <see cref="OrderBookGrain"/>'s sync
/// procedure (Coinbase <c>level2</c> rules, a one-level change per event) → its <see cref="BookDelta"/> on the
/// silo-local fan-out, observed by one subscriber. One op = one event, from <c>Add</c> to its delta observed.
/// <see cref="OneEventPerCall"/> waits for each delta before the next event (the recorded pace: every event is its
/// own batch); <see cref="BurstOf100"/> adds 100 events back to back and waits for the 100th delta (flat out).
/// The delta (~0.15 KB) is allocated by the book in both. Run against the commit before the in-place path
/// (<c>8b17c46</c>, where each batch was an <c>IBookFeedGrain.ApplyAsync</c> grain call) for the before/after.
/// </summary>
[MemoryDiagnoser]
public class ConnectorToBookBench
{
    private const int Events = 100;
    private const string Key = "coinbase:BTC-USD";
    private static readonly LevelUpdate[][] Sizes =
    [
        [new LevelUpdate(BookSide.Bid, FixedDecimal.Parse("100.5"), FixedDecimal.Parse("1"))],
        [new LevelUpdate(BookSide.Bid, FixedDecimal.Parse("100.5"), FixedDecimal.Parse("2"))],
    ];

    private IHost _host = null!;
    private BookFeed _feed = null!;
    private IStreamSubscription _subscription = null!;
    private long _observed;
    private long _sent;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:SiloPort"] = "0",
            ["Silo:GatewayPort"] = "0",
            ["Silo:ClusterId"] = $"bench-{Guid.NewGuid():N}",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(AllVenues.Registry().Configure(new Dictionary<string, VenueOptions>()));
        builder.Services.AddSingleton<IInstrumentCatalog, InstrumentCatalog>();
        builder.Services.AddSingleton<BookDirectory>();
        builder.UseOrleans(silo => silo.AddFeedSilo(configuration));
        _host = builder.Build();
        _host.StartAsync().GetAwaiter().GetResult();

        var streams = _host.Services.GetRequiredService<IStreamProvider>();
        _subscription = streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, Key)).Subscribe(_ =>
        {
            Interlocked.Increment(ref _observed);
            return ValueTask.CompletedTask;
        });
        _feed = new BookFeed(_host.Services.GetRequiredService<IGrainFactory>().GetGrain<IBookFeedGrain>(Key), new BookKey("coinbase", "BTC-USD"), _host.Services.GetRequiredService<BookDirectory>(), NullLogger.Instance);

        // In-stream snapshot first (Coinbase Exchange: no sequence, so the book is "unverifiable" and publishes every change).
        LevelUpdate[] snapshot = [new(BookSide.Bid, FixedDecimal.Parse("100.5"), FixedDecimal.Parse("1")), new(BookSide.Ask, FixedDecimal.Parse("101"), FixedDecimal.Parse("1"))];
        _feed.Add(new BookEvent(BookEventKind.Snapshot, "BTC-USD", 0, 0, -1, snapshot, snapshot.Length, Timestamp.None, Timestamp.FromUnixMilliseconds(1)));
        _ = _feed.FlushAsync();
        WaitFor(1, TimeSpan.FromSeconds(60));
        OneEventPerCall();
        BurstOf100();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Events, Baseline = true)]
    public long OneEventPerCall()
    {
        for (var i = 0; i < Events; i++)
        {
            var target = Volatile.Read(ref _observed) + 1;
            Send();
            WaitFor(target, TimeSpan.FromSeconds(30));
        }

        return _observed;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long BurstOf100()
    {
        var target = Volatile.Read(ref _observed) + Events;
        for (var i = 0; i < Events; i++)
        {
            Send();
        }

        WaitFor(target, TimeSpan.FromSeconds(30));
        return _observed;
    }

    private void Send()
    {
        // Each event flips the level's size, so every one is a change and publishes one delta.
        var levels = Sizes[(int)(++_sent & 1)];
        _feed.Add(new BookEvent(BookEventKind.Diff, "BTC-USD", 0, 0, -1, levels, levels.Length, Timestamp.None, Timestamp.FromUnixMilliseconds(_sent)));
        var flush = _feed.FlushAsync();
        if (!flush.IsCompletedSuccessfully)
        {
            flush.AsTask().GetAwaiter().GetResult();
        }
    }

    private void WaitFor(long target, TimeSpan limit)
    {
        var spin = new SpinWait();
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (Volatile.Read(ref _observed) < target)
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{Key}: {target - Volatile.Read(ref _observed)} deltas not observed within {limit}.");
            }

            spin.SpinOnce();
        }
    }
}
