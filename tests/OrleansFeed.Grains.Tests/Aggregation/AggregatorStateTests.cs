using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Providers;
using Orleans.Storage;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Time;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.Aggregation;
using OrleansFeed.Grains.Tests.Infrastructure;

namespace OrleansFeed.Grains.Tests.Aggregation;

/// <summary>
/// The aggregator's stored state (issue 16 item 1): what is in grain storage, read back from the silo's real memory
/// grain storage: nothing is written while nothing changes, the size stays bounded over days of trades, and a new
/// activation restores the same statistics and candles.
/// </summary>
public sealed class AggregatorStateTests
{
    private const string Binance = "binance:BTCUSDT";
    private const string Kraken = "kraken:XBTUSDT";

    private static readonly Instrument[] TwoVenues =
    [
        AggregationHarness.Spot("binance", "BTCUSDT", "BTC-USDT"),
        AggregationHarness.Spot("kraken", "XBTUSDT", "BTC-USDT"),
    ];

    private static void Arrange(FakeBooks books, FakeTimeProvider clock)
    {
        var now = Timestamp.Now(clock);
        books.Set(Binance, 1, now, [("100", "1")], [("101", "1")]);
        books.Set(Kraken, 1, now, [("100", "1")], [("101", "1")]);
    }

    [Fact]
    public async Task Save_IdleAggregatorUnderSystemClock_WritesNothingUntilTheNextTrade()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange, new Dictionary<string, string?>
        {
            ["Aggregation:SaveInterval"] = "00:01:00",
            ["Aggregation:TickInterval"] = "00:01:00",
        });
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        h.AdvanceToNextMinute();
        await h.PublishTradeAsync(Binance, 1, "100", "1", h.Now.PlusSeconds(1));
        await h.PublishTradeAsync(Kraken, 1, "102", "2", h.Now.PlusSeconds(2));
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 2, "trades handled");

        // Past the close of the 15m candle holding the trades (the last close that changes anything until the hour's),
        // a minute at a time so every tick and save runs.
        var settled = await AdvanceUntilAsync(h, grain, s => s.Segments.Count(n => n.Contains("/15m/", StringComparison.Ordinal)) == 3, "the 15m candle of every series stored");
        settled.Segments.Should().Contain(n => n.Contains("/1m/", StringComparison.Ordinal)).And.Contain(n => n.Contains("/stats/", StringComparison.Ordinal));

        // 30 idle minutes: empty 1m, 5m and 15m candles close every minute, the save timer fires every minute.
        for (var minute = 0; minute < 30; minute++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            await grain.GetStatsAsync().WaitAsync(AggregationHarness.Timeout);
        }

        var idle = await StoredAsync(h, grain);
        idle.ETag.Should().Be(settled.ETag, "an aggregator without trades has nothing new to store");

        // The timer is alive: one trade is saved within the next interval.
        await h.PublishTradeAsync(Binance, 2, "101", "1", h.Now);
        await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == 3, "trade handled");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await AggregationHarness.UntilAsync(() => StoredAsync(h, grain), s => s.ETag != settled.ETag, "the new trade saved");
    }

    [Fact]
    public async Task Save_ThreeDaysOfTrades_StoredSizeLevelsOffAndRestoreGivesTheSameAggregates()
    {
        await using var h = await AggregationHarness.StartAsync(TwoVenues, Arrange, new Dictionary<string, string?>
        {
            ["Aggregation:Clock"] = "Trades",
            ["Aggregation:SaveInterval"] = "00:01:00",
            ["Aggregation:CandleHistory"] = "48",
        });
        var grain = h.Aggregator("BTC-USDT");
        await grain.EnsureActiveAsync().WaitAsync(AggregationHarness.Timeout);
        var t0 = h.Now.UnixMicroseconds;
        const long FiveMinutes = 300_000_000L;
        var sizes = new List<long>();
        var trades = 0;
        var stored = await StoredAsync(h, grain);
        for (var hour = 0; hour < 72; hour++)
        {
            // Twelve trades an hour of trade time, alternating venues, prices wandering, a few per second at times.
            for (var i = 0; i < 12; i++)
            {
                var k = (hour * 12) + i;
                var time = new Timestamp(t0 + (k * FiveMinutes) + ((k % 7) * 1_000_123L));
                await h.PublishTradeAsync(k % 3 == 0 ? Kraken : Binance, k, (100 + (k % 17)).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".25", "0.0" + ((k % 9) + 1), time);
                trades++;
            }

            await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.LastTradeTime.UnixMicroseconds >= t0 + (((hour * 12) + 11) * FiveMinutes), $"hour {hour} handled");
            // Minute by minute until the save shows: a grain timer re-arms only after its callback returns, so under load
            // one advance can land while the previous save is still finishing and find no tick due (failed once in CI).
            var previous = stored.ETag;
            stored = await AdvanceUntilAsync(h, grain, s => s.ETag != previous, $"hour {hour} saved");
            sizes.Add(stored.Bytes);
        }

        // By the end of day two the 24 h window and the 48 kept 1m, 5m, 15m and 1h candles are full: only the few 4h
        // and 1d candles still add up.
        var dayTwo = sizes[47];
        sizes.Skip(48).Max().Should().BeLessThan(dayTwo + (dayTwo / 10), "the 24 h window and the candle history are bounded: the stored size levels off");
        stored.Segments.Count(n => n.Contains("/stats/", StringComparison.Ordinal)).Should().BeLessThanOrEqualTo(3 * 98, "24 h of 15-minute bucket segments per series");

        var before = await grain.GetStatsAsync();
        var candlesBefore = new Dictionary<CandleInterval, IReadOnlyList<Candle>>();
        foreach (var interval in CandleIntervals.All)
        {
            candlesBefore[interval] = (await grain.GetCandlesAsync(interval, new Timestamp(0), new Timestamp(long.MaxValue), null)).Candles;
        }

        await AggregationHarness.DeactivateAsync(grain);
        var after = await AggregationHarness.UntilAsync(grain.GetStatsAsync, s => s.Consolidated.TradeCount == before.Consolidated.TradeCount, "state restored by the new activation");

        after.Consolidated.Should().BeEquivalentTo(before.Consolidated);
        after.Venues.Select(v => v.Stats).Should().BeEquivalentTo(before.Venues.Select(v => v.Stats));
        foreach (var interval in CandleIntervals.All)
        {
            var candles = (await grain.GetCandlesAsync(interval, new Timestamp(0), new Timestamp(long.MaxValue), null)).Candles;
            candles.Should().Equal(candlesBefore[interval], $"the {CandleIntervals.Name(interval)} candles come back as they were");
        }

        candlesBefore[CandleInterval.OneMinute].Should().HaveCount(49, "48 closed 1m candles kept, most of them empty and rebuilt on restore, plus the open one");
        before.Consolidated.TradeCount.Should().BeGreaterThan(250).And.BeLessThan(trades);
    }

    private static async Task<(string? ETag, long Bytes, IReadOnlyList<string> Segments)> AdvanceUntilAsync(
        AggregationHarness h, IAggregatorGrain grain, Func<(string? ETag, long Bytes, IReadOnlyList<string> Segments), bool> condition, string because)
    {
        for (var minute = 0; minute < 120; minute++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(1));
            await grain.GetStatsAsync().WaitAsync(AggregationHarness.Timeout);
            await Task.Delay(20);
            var stored = await StoredAsync(h, grain);
            if (condition(stored))
            {
                return stored;
            }
        }

        throw new TimeoutException($"Not within two simulated hours: {because}.");
    }

    // Head, then the segments it names; a save running in between may have deleted one of them: read again then.
    private static async Task<(string? ETag, long Bytes, IReadOnlyList<string> Segments)> StoredAsync(AggregationHarness h, IAggregatorGrain grain)
    {
        var storage = h.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var id = grain.GetGrainId();
        while (true)
        {
            var head = new GrainState<AggregatorState>();
            await storage.ReadStateAsync("aggregates", id, head);
            if (!head.RecordExists)
            {
                return (null, 0, []);
            }

            var bytes = (long)head.State!.Head.Length;
            var complete = true;
            foreach (var name in head.State.Segments)
            {
                var segment = new GrainState<AggregatorStateSegment>();
                await storage.ReadStateAsync(name, id, segment);
                complete &= segment.RecordExists;
                bytes += segment.RecordExists ? segment.State!.Data.Length : 0;
            }

            var again = new GrainState<AggregatorState>();
            await storage.ReadStateAsync("aggregates", id, again);
            if (complete && again.ETag == head.ETag)
            {
                return (head.ETag, bytes, head.State.Segments);
            }

            if (again.ETag == head.ETag)
            {
                complete.Should().BeTrue("a head names only segments that exist");
            }
        }
    }
}
