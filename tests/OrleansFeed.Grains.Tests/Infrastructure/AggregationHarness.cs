using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using OrleansFeed.Runtime;
using OrleansFeed.Runtime.Hosting;
using OrleansFeed.Runtime.Storage;
using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>A started grain runtime with the aggregation registered, fake books, a test clock and a given grain storage.</summary>
public sealed class AggregationHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private AggregationHarness(ServiceProvider services)
    {
        _services = services;
        _hosted = [.. services.GetServices<IHostedService>()];
    }

    public TestClock Clock => (TestClock)_services.GetRequiredService<TimeProvider>();

    public FakeBooks Books => _services.GetRequiredService<FakeBooks>();

    public IGrainFactory Grains => _services.GetRequiredService<IGrainFactory>();

    public IStreamProvider Streams => _services.GetRequiredService<IStreamProvider>();

    public Timestamp Now => Timestamp.Now(Clock);

    public static Instrument Spot(string venue, string symbol, string canonical, InstrumentStatus status = InstrumentStatus.Trading)
    {
        var parts = canonical.Split('-');
        return new Instrument(venue, symbol, canonical, InstrumentKind.Spot, parts[0], parts[1], FixedDecimal.Parse("0.01"), FixedDecimal.Parse("0.00001"), status);
    }

    /// <summary>Builds the harness; <paramref name="arrange"/> fills the fake books before the aggregators activate.</summary>
    public static async Task<AggregationHarness> StartAsync(
        Instrument[] instruments,
        Action<FakeBooks, TestClock> arrange,
        IDictionary<string, string?>? settings = null,
        IGrainStorage? storage = null,
        TestClock? clock = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock ?? new TestClock());
        services.AddSingleton(storage ?? new InMemoryGrainStorage());
        var catalog = new InstrumentCatalog();
        foreach (var instrument in instruments)
        {
            catalog.AddOrUpdate(instrument);
        }

        services.AddSingleton<IInstrumentCatalog>(catalog);
        services.AddSingleton<FakeBooks>();
        services.AddGrainRuntime(o => o.CollectionAge = TimeSpan.FromHours(1));
        services.AddGrain<IOrderBookGrain, FakeBookGrain>();
        var all = new Dictionary<string, string?>
        {
            ["Aggregation:TickInterval"] = "00:01:00",
            ["Aggregation:SaveInterval"] = "01:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        services.AddAggregation(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        var harness = new AggregationHarness(services.BuildServiceProvider());
        arrange(harness.Books, harness.Clock);
        foreach (var service in harness._hosted)
        {
            await service.StartAsync(CancellationToken.None).WaitAsync(Timeout);
        }

        return harness;
    }

    public IAggregatorGrain Aggregator(string key) => Grains.GetGrain<IAggregatorGrain>(key);

    public ValueTask PublishDeltaAsync(string book, BookDeltaKind kind, long sequence, params (BookSide Side, string Price, string Size)[] changes)
    {
        var parts = book.Split(':');
        var delta = new BookDelta(
            parts[0],
            parts[1],
            kind,
            sequence,
            1,
            kind == BookDeltaKind.Stale ? "syncing" : "synced",
            sequence,
            [.. changes.Select(c => new LevelChange(c.Side, FixedDecimal.Parse(c.Price), FixedDecimal.Parse(c.Size)))],
            Now,
            Now);
        return Streams.GetStream<BookDelta>(new StreamId(StreamNamespaces.BookDeltas, book)).OnNextAsync(delta);
    }

    /// <summary>An update without level changes that only moves the book to <paramref name="syncState"/> (as the book grain publishes it).</summary>
    public ValueTask PublishStateAsync(string book, long sequence, string syncState)
    {
        var parts = book.Split(':');
        var delta = new BookDelta(parts[0], parts[1], BookDeltaKind.Update, sequence, 1, syncState, sequence, [], Now, Now);
        return Streams.GetStream<BookDelta>(new StreamId(StreamNamespaces.BookDeltas, book)).OnNextAsync(delta);
    }

    public ValueTask PublishTradeAsync(string book, long id, string price, string size, Timestamp time) =>
        Streams.GetStream<Trade>(new StreamId(StreamNamespaces.Trades, book))
            .OnNextAsync(new Trade(id, FixedDecimal.Parse(price), FixedDecimal.Parse(size), AggressorSide.Buy, time, time));

    /// <summary>Polls a grain query until it satisfies <paramref name="condition"/> (the grain handles stream events in its own turns).</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> query, Func<T, bool> condition, string because)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var value = await query().WaitAsync(Timeout);
            if (condition(value))
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met within {Timeout}: {because}");
            }

            await Task.Delay(5);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None).WaitAsync(Timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}

/// <summary>Time arithmetic for tests.</summary>
public static class TimestampTestExtensions
{
    public static Timestamp PlusSeconds(this Timestamp time, int seconds) => new(time.UnixMicroseconds + (seconds * 1_000_000L));
}
