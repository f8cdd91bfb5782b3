using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.EndToEnd.Tests;

/// <summary>
/// Runs a whole silo against the exchange simulator replaying recorded Binance sessions and checks the books it serves
/// against books rebuilt independently from the same capture; injects a gap and a malformed frame.
/// </summary>
public class SiloAgainstSimulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string, string, bool> Sessions() => new()
    {
        { "binance_futures", "2021-07-22", true },
        { "binance_spot", "2021-10-12", false },
        { "binance_us_spot", "2021-10-12", false },
        { "binance_coinm_futures", "2021-07-22", false },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public async Task Silo_ReplayingRecordedSession_ServesBooksEqualToIndependentRebuild(string folder, string day, bool split)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SessionFiles(folder, day);
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, split)], cts.Token);

        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var reference = ReferenceBinanceBooks.Build(files, futures: folder.Contains("futures", StringComparison.Ordinal));

        reference.Keys.Should().BeEquivalentTo(silo.Simulator.SnapshotSymbols);
        using var http = new HttpClient { BaseAddress = silo.Api };
        foreach (var (symbol, expected) in reference)
        {
            var book = await WaitForUpdateIdAsync(silo, symbol, expected.LastUpdateId, cts.Token);
            book.SyncState.Should().Be(BookSyncState.Synced);
            book.Counters.Gaps.Should().Be(0);
            AssertSide(book.Bids, expected.Bids, symbol);
            AssertSide(book.Asks, expected.Asks, symbol);

            // The same book over REST: decimal strings, best first, every level.
            using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/books/{silo.Venue}/{symbol}?depth=5000", UriKind.Relative), cts.Token));
            json.RootElement.GetProperty("syncState").GetString().Should().Be("synced");
            json.RootElement.GetProperty("lastUpdateId").GetInt64().Should().Be(expected.LastUpdateId);
            RestSide(json.RootElement.GetProperty("bids")).Should().Equal(expected.Bids.Select(kv => (kv.Key, kv.Value)), $"{symbol} REST bids");
            RestSide(json.RootElement.GetProperty("asks")).Should().Equal(expected.Asks.Select(kv => (kv.Key, kv.Value)), $"{symbol} REST asks");
        }
    }

    [Fact]
    public async Task InjectedGap_IsDetected_BookResyncsAndEqualsReferenceAgain()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SessionFiles("binance_futures", "2021-07-22");
        var reference = ReferenceBinanceBooks.Build(files, futures: true);
        // Recorded pace ×10 (about 3 s) so the gap can be injected after the book has synced.
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, true)], cts.Token, playbackSpeed: 10);
        await Poll.UntilAsync(() => silo.IsSynced("SUSHIUSDT"), "SUSHIUSDT synced", cts.Token);
        silo.Simulator.DropNextDiff("SUSHIUSDT");

        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        var book = await WaitForUpdateIdAsync(silo, "SUSHIUSDT", reference["SUSHIUSDT"].LastUpdateId, cts.Token);
        silo.Simulator.DiffsDropped.Should().Be(1);
        book.Counters.Gaps.Should().Be(1);
        book.Counters.Resyncs.Should().Be(1);
        book.Epoch.Should().Be(2, "the book was rebuilt from a second snapshot after the gap");
        AssertSide(book.Bids, reference["SUSHIUSDT"].Bids, "SUSHIUSDT");
        AssertSide(book.Asks, reference["SUSHIUSDT"].Asks, "SUSHIUSDT");

        var other = await WaitForUpdateIdAsync(silo, "AKROUSDT", reference["AKROUSDT"].LastUpdateId, cts.Token);
        other.Counters.Resyncs.Should().Be(0, "a gap on one symbol resyncs that symbol only");
        other.Epoch.Should().Be(1);

        // The same counters per venue and symbol over REST.
        using var http = new HttpClient { BaseAddress = silo.Api };
        using var venue = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/venues/{silo.Venue}", UriKind.Relative), cts.Token));
        var books = venue.RootElement.GetProperty("books").EnumerateArray().ToDictionary(b => b.GetProperty("symbol").GetString()!);
        books.Keys.Should().Contain(["SUSHIUSDT", "AKROUSDT"]);
        books["SUSHIUSDT"].GetProperty("counters").GetProperty("gaps").GetInt64().Should().Be(1);
        books["SUSHIUSDT"].GetProperty("counters").GetProperty("resyncs").GetInt64().Should().Be(1);
        books["SUSHIUSDT"].GetProperty("epoch").GetInt64().Should().Be(2);
        books["SUSHIUSDT"].GetProperty("secondsSinceVerified").GetDecimal().Should().BeGreaterThanOrEqualTo(0);
        books["AKROUSDT"].GetProperty("counters").GetProperty("gaps").GetInt64().Should().Be(0);
        venue.RootElement.GetProperty("snapshotRequests").GetInt64().Should().BeGreaterThanOrEqualTo(books.Count + 1, "one snapshot per book plus the resync");
        (await http.GetAsync(new Uri("/api/v1/venues/no-such-venue", UriKind.Relative), cts.Token)).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConnectionsClosedByVenue_SiloReconnectsAndEveryBookResyncsToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SessionFiles("binance_futures", "2021-07-22");
        var reference = ReferenceBinanceBooks.Build(files, futures: true);
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, true)], cts.Token, playbackSpeed: 10);
        await Poll.UntilAsync(() => silo.Simulator.SnapshotSymbols.All(silo.IsSynced), "all books synced", cts.Token);
        var connector = silo.Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IExchangeConnectorGrain>(silo.Venue);

        silo.Simulator.CloseAllConnections().Should().BeGreaterThan(0);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);

        (await connector.GetStatusAsync()).Reconnects.Should().BeGreaterThanOrEqualTo(1);
        foreach (var (symbol, expected) in reference)
        {
            var book = await WaitForUpdateIdAsync(silo, symbol, expected.LastUpdateId, cts.Token);
            book.Epoch.Should().BeGreaterThanOrEqualTo(2, $"{symbol} was rebuilt after the reconnect");
            AssertSide(book.Bids, expected.Bids, symbol);
            AssertSide(book.Asks, expected.Asks, symbol);
        }
    }

    [Fact]
    public async Task MalformedFrames_BooksTheyMayBelongToUnverified_CountersAddUp_SiloKeepsServing()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SessionFiles("binance_spot", "2021-10-12");
        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, false)], cts.Token);
        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var connector = silo.Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IExchangeConnectorGrain>(silo.Venue);
        var before = (await connector.GetStatusAsync()).RejectedFrames;

        // One frame whose symbol cannot be read (every book of the connection may have lost an update), one naming NKNUSDT.
        silo.Simulator.SendMalformedFrame().Should().BeGreaterThan(0);
        silo.Simulator.InjectRaw("{\"stream\":\"nknusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"NKNUSDT\",\"U\":\"x\"}}");

        await Poll.UntilAsync(() => connector.GetStatusAsync().Result.RejectedFrames >= before + 2, "two rejected frames counted", cts.Token);
        await Poll.UntilAsync(
            () => silo.Simulator.SnapshotSymbols.All(s => silo.Books.Books.TryGetValue(new(silo.Venue, s), out var b) && b.State == BookSyncState.Unverified),
            "every book of the connection unverified: no later diff proves them",
            cts.Token);

        using var http = new HttpClient { BaseAddress = silo.Api };
        using var book = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/books/binance/NKNUSDT?depth=1", UriKind.Relative), cts.Token));
        book.RootElement.GetProperty("syncState").GetString().Should().Be("unverified");
        book.RootElement.GetProperty("stale").GetBoolean().Should().BeTrue();
        book.RootElement.GetProperty("counters").GetProperty("rejectedFrames").GetInt64().Should().Be(1, "only the frame naming NKNUSDT counts for its book");

        using var venue = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/venues/binance", UriKind.Relative), cts.Token));
        var v = venue.RootElement;
        var books = v.GetProperty("books").EnumerateArray().ToList();
        books.Should().OnlyContain(b => b.GetProperty("syncState").GetString() == "unverified");
        books.Should().OnlyContain(b => b.GetProperty("secondsSinceVerified").GetDecimal() >= 0);
        v.GetProperty("unattributedRejectedFrames").GetInt64().Should().BeGreaterThanOrEqualTo(1);
        v.GetProperty("rejectedFrames").GetInt64().Should().Be(
            books.Sum(b => b.GetProperty("rejectedFrames").GetInt64()) + v.GetProperty("unattributedRejectedFrames").GetInt64(),
            "a venue's rejected frames are its books' plus the connection-level ones (docs/errors.md#how-the-counters-add-up)");

        // Unverified books are loaded and maintained: the silo stays ready.
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cts.Token)).IsSuccessStatusCode.Should().BeTrue();
    }

    internal static IReadOnlyList<string> SessionFiles(string folder, string day) =>
        CaptureFile.GroupSessions([SharedData.PathOf(folder)]).Single(s => Path.GetFileName(s[0]).StartsWith(day, StringComparison.Ordinal));

    internal static Task<BookSnapshot> WaitForUpdateIdAsync(SimulatedSilo silo, string symbol, long lastUpdateId, CancellationToken cancellationToken)
    {
        var grain = silo.Grains.GetGrain<IOrderBookGrain>($"{silo.Venue}:{symbol}");
        return Poll.UntilAsync(
            () => grain.GetSnapshotAsync(int.MaxValue),
            book => book.LastUpdateId == lastUpdateId && book.SyncState == BookSyncState.Synced,
            book => $"{symbol}: expected last update id {lastUpdateId} synced, have {book.LastUpdateId} {book.SyncState}; counters {book.Counters}, epoch {book.Epoch}; simulator sent {silo.Simulator.FramesSent}, served {silo.Simulator.SnapshotsServed}",
            cancellationToken);
    }

    private static List<(decimal, string)> RestSide(System.Text.Json.JsonElement side) =>
        side.EnumerateArray().Select(l => (decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), l[1].GetString()!)).ToList();

    internal static void AssertSide(BookLevel[] actual, SortedDictionary<decimal, string> expected, string symbol)
    {
        var expectedLevels = expected.Select(kv => (kv.Key, kv.Value)).ToList();
        var actualLevels = actual.Select(l => (l.Price.ToDecimal(), l.Size.ToString())).ToList();
        var firstDifference = Enumerable.Range(0, Math.Min(actualLevels.Count, expectedLevels.Count)).FirstOrDefault(i => actualLevels[i] != expectedLevels[i], -1);
        actualLevels.Count.Should().Be(expectedLevels.Count, $"{symbol} level count (first difference at {firstDifference})");
        firstDifference.Should().Be(-1, firstDifference >= 0 ? $"{symbol} level {firstDifference}: actual {actualLevels[firstDifference]} expected {expectedLevels[firstDifference]}" : symbol);
    }
}
