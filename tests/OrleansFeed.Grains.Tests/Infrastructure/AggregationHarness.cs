using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Runtime;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.TestKit.Orleans;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>A started test silo with the aggregation registered, fake books in place of the real book grains, and the fake clock.</summary>
public sealed class AggregationHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TestSilo.Timeout;

    private readonly TestSilo _silo;

    private AggregationHarness(TestSilo silo) => _silo = silo;

    public FakeTimeProvider Clock => _silo.Clock;

    public FakeBooks Books => _silo.Services.GetRequiredService<FakeBooks>();

    public IGrainFactory Grains => _silo.Grains;

    public IStreamProvider Streams => _silo.Services.GetRequiredService<IStreamProvider>();

    /// <summary>The silo's services (its grain storage, for tests that read what a grain stored).</summary>
    public IServiceProvider Services => _silo.Services;

    public Timestamp Now => Timestamp.Now(Clock);

    public static Instrument Spot(string venue, string symbol, string canonical, InstrumentStatus status = InstrumentStatus.Trading)
    {
        var parts = canonical.Split('-');
        return new Instrument(venue, symbol, canonical, InstrumentKind.Spot, parts[0], parts[1], FixedDecimal.Parse("0.01"), FixedDecimal.Parse("0.00001"), status);
    }

    /// <summary>Builds the harness; <paramref name="arrange"/> fills the fake books before the aggregators activate.</summary>
    public static async Task<AggregationHarness> StartAsync(
        Instrument[] instruments,
        Action<FakeBooks, FakeTimeProvider> arrange,
        IDictionary<string, string?>? settings = null)
    {
        var catalog = new InstrumentCatalog();
        foreach (var instrument in instruments)
        {
            catalog.AddOrUpdate(instrument);
        }

        var books = new FakeBooks();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        arrange(books, clock);
        var all = new Dictionary<string, string?>
        {
            ["Aggregation:TickInterval"] = "00:01:00",
            ["Aggregation:SaveInterval"] = "01:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var silo = await TestSilo.StartAsync(
            all,
            (builder, configuration) =>
            {
                builder.Services.AddSingleton<IInstrumentCatalog>(catalog);
                builder.Services.AddSingleton(books);
                // The fake book grain answers for IOrderBookGrain instead of the real one.
                builder.Services.Configure<GrainTypeOptions>(o => o.Classes.Remove(typeof(global::OrleansFeed.Grains.OrderBooks.OrderBookGrain)));
                builder.Services.AddAggregation(configuration);
            },
            clock);
        return new AggregationHarness(silo);
    }

    /// <summary>Moves the clock to the next whole minute (the silo's start moved it on by a little, see <see cref="TestSilo"/>).</summary>
    public void AdvanceToNextMinute()
    {
        var now = Clock.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        Clock.Advance(next - now);
    }

    public IAggregatorGrain Aggregator(string key) => Grains.GetGrain<IAggregatorGrain>(key);

    /// <summary>Deactivates a grain now (Orleans' management extension), as a silo would on collection or migration.</summary>
    public static async Task DeactivateAsync(IAddressable grain) =>
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask().WaitAsync(Timeout);

    public ValueTask PublishDeltaAsync(string book, BookDeltaKind kind, long sequence, params (BookSide Side, string Price, string Size)[] changes)
    {
        var parts = book.Split(':');
        var delta = new BookDelta(
            parts[0],
            parts[1],
            kind,
            sequence,
            1,
            kind == BookDeltaKind.Stale ? BookSyncState.Syncing : BookSyncState.Synced,
            sequence,
            [.. changes.Select(c => new LevelChange(c.Side, FixedDecimal.Parse(c.Price), FixedDecimal.Parse(c.Size)))],
            Now,
            Now);
        return Streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, book)).OnNextAsync(delta);
    }

    /// <summary>An update without level changes that only moves the book to <paramref name="syncState"/> (as the book grain publishes it).</summary>
    public ValueTask PublishStateAsync(string book, long sequence, BookSyncState syncState)
    {
        var parts = book.Split(':');
        var delta = new BookDelta(parts[0], parts[1], BookDeltaKind.Update, sequence, 1, syncState, sequence, [], Now, Now);
        return Streams.GetStream<BookDelta>(new FanOutStreamId(StreamNamespaces.BookDeltas, book)).OnNextAsync(delta);
    }

    public ValueTask PublishTradeAsync(string book, long id, string price, string size, Timestamp time) =>
        Streams.GetStream<Trade>(new FanOutStreamId(StreamNamespaces.Trades, book))
            .OnNextAsync(new Trade(id, FixedDecimal.Parse(price), FixedDecimal.Parse(size), AggressorSide.Buy, time, time));

    /// <summary>Polls a grain query until it satisfies <paramref name="condition"/> (the grain handles fan-out events in its own turns).</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> query, Func<T, bool> condition, string because) => TestSilo.UntilAsync(query, condition, because);

    public Task StopAsync() => _silo.StopAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}

/// <summary>Time arithmetic for tests.</summary>
public static class TimestampTestExtensions
{
    public static Timestamp PlusSeconds(this Timestamp time, int seconds) => new(time.UnixMicroseconds + (seconds * 1_000_000L));
}
