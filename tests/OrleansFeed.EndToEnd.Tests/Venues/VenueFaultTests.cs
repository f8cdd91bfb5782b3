using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Grains.Abstractions;
using static OrleansFeed.EndToEnd.Tests.Venues.VenueBooksTests;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// Fault injection through the simulator: a corrupted level, a dropped message and a disconnect are detected, that
/// symbol (or that connection) is resynced by re-subscription (stream venues) or a REST snapshot synthesized at the
/// playback point (KuCoin), the other symbols are untouched, and every book ends equal to the independent rebuild.
/// </summary>
public class VenueFaultTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kraken_CorruptedLevel_ChecksumMismatchResubscribesThatPairOnly()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var file = Recording("kraken", "2021-04-05_book-1000");
        var reference = ReferenceKrakenBooks.Build(file).Books.ToDictionary(b => b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session([file], "kraken")], cts.Token, PlaybackStart.Immediately, playbackSpeed: 20);
        await silo.WaitSyncedAsync("XBT/USD", cts.Token);

        silo.Simulator.CorruptNextDiff("kraken", "XBT/USD");
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token);

        silo.Simulator.DiffsCorrupted.Should().Be(1);
        var (book, _) = await silo.ReadBookAsync("XBT/USD");
        book.Counters.ChecksumFailures.Should().Be(1, "the corrupted size changes the recomputed CRC-32");
        book.Counters.Resyncs.Should().Be(1);
        book.Epoch.Should().Be(2, "the book was rebuilt from the snapshot of the re-subscription");
        foreach (var other in reference.Keys.Where(s => s != "XBT/USD"))
        {
            (await silo.ReadBookAsync(other)).Snapshot.Counters.Resyncs.Should().Be(0, $"{other} shares the connection but not the fault");
        }

        var status = await silo.Grains.GetGrain<IExchangeConnectorGrain>("kraken").GetStatusAsync();
        status.Resubscribes.Should().Be(1);
        status.Reconnects.Should().Be(0, "one pair's resync never touches the connection");
    }

    [Fact]
    public async Task Okx_CorruptedLevel_ChecksumMismatchResubscribesThatInstrumentOnly()
    {
        // A corrupted size near the touch, not a dropped update: the 2022 recording carries no seqId, and a dropped
        // update that only changed levels below the top 25 is invisible to OKX's checksum (it covers the top 25).
        using var cts = new CancellationTokenSource(Timeout);
        var file = Recording("okx", "2022-02-27");
        var reference = ReferenceOkxBooks.Build(file).Books.ToDictionary(b => b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session([file], "okx", bookChannel: "books-l2-tbt")], cts.Token, PlaybackStart.Immediately, playbackSpeed: 5);
        await silo.WaitSyncedAsync("ELON-USDT", cts.Token);
        var epochBefore = (await silo.ReadBookAsync("ELON-USDT")).Snapshot.Epoch;

        silo.Simulator.CorruptNextDiff("okx", "ELON-USDT");
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token);

        silo.Simulator.DiffsCorrupted.Should().Be(1);
        var (book, _) = await silo.ReadBookAsync("ELON-USDT");
        book.Counters.ChecksumFailures.Should().Be(1, "the corrupted size is in the top 25 levels the checksum covers");
        book.Counters.Resyncs.Should().Be(1);
        book.Epoch.Should().BeGreaterThan(epochBefore, "rebuilt from the snapshot of the re-subscription (the recording also re-sends snapshots)");
        (await silo.ReadBookAsync("ZEN-USDT")).Snapshot.Counters.Resyncs.Should().Be(0);
        (await silo.Grains.GetGrain<IExchangeConnectorGrain>("okx").GetStatusAsync()).Resubscribes.Should().Be(1);
    }

    [Fact]
    public async Task Bitfinex_DroppedMessage_SequenceBreakResyncsTheConnectionsBooks()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var file = Recording("bitfinex", "2021-04-05");
        var built = ReferenceBitfinexBooks.Build([file]);
        var reference = built.Books.ToDictionary(b => b.Key, b => RefBook.From(b.Value.Bids, b.Value.Asks));
        var busiest = built.Books.MaxBy(b => b.Value.Updates).Key;
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session([file], "bitfinex", depthLimit: 25)], cts.Token, PlaybackStart.Immediately, playbackSpeed: 20);
        await silo.WaitSyncedAsync(busiest, cts.Token);

        silo.Simulator.DropNextDiff("bitfinex", busiest);
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token);

        silo.Simulator.DiffsDropped.Should().Be(1);
        var (book, _) = await silo.ReadBookAsync(busiest);
        book.Counters.Resyncs.Should().BeGreaterThanOrEqualTo(1, "a connection-wide sequence break cannot be attributed, so the connection's books resync");
        book.Epoch.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Coinbase_Disconnect_ReconnectsAndEveryBookResyncs()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var file = Recording("coinbase", "2021-04-17");
        var reference = ReferenceCoinbaseBooks.Build([file]).Books.ToDictionary(b => b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session([file], "coinbase")], cts.Token, PlaybackStart.Immediately, playbackSpeed: 5);
        foreach (var symbol in reference.Keys)
        {
            await silo.WaitSyncedAsync(symbol, cts.Token, state: BookSyncState.Unverifiable);
        }

        silo.Simulator.CloseAllConnections().Should().BeGreaterThan(0);
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token, expectedState: BookSyncState.Unverifiable);

        (await silo.Grains.GetGrain<IExchangeConnectorGrain>("coinbase").GetStatusAsync()).Reconnects.Should().BeGreaterThanOrEqualTo(1);
        foreach (var symbol in reference.Keys)
        {
            (await silo.ReadBookAsync(symbol)).Snapshot.Epoch.Should().BeGreaterThanOrEqualTo(2, $"{symbol} was rebuilt after the reconnect");
        }
    }

    [Fact]
    public async Task KuCoin_DroppedDiff_GapDetectedRestSnapshotAtPlaybackPointRepairsThatSymbolOnly()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = Session("kucoin", "2021-04-25");
        var reference = ReferenceKuCoinBooks.Build(files).ToDictionary(b => b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session(files, "kucoin", depthLimit: 0)], cts.Token, PlaybackStart.Immediately, playbackSpeed: 3);
        await silo.WaitSyncedAsync("BCHSV-USDT", cts.Token);
        silo.Simulator.DropNextDiff("kucoin", "BCHSV-USDT");
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token);

        silo.Simulator.DiffsDropped.Should().Be(1);
        silo.Simulator.KuCoinSnapshotsSynthesized.Should().BeGreaterThanOrEqualTo(1, "the recorded snapshot is older than the buffered diffs");
        var (book, _) = await silo.ReadBookAsync("BCHSV-USDT");
        book.Counters.Gaps.Should().Be(1, "the next diff's sequenceStart skips the withheld one");
        book.Counters.Resyncs.Should().Be(1);
        book.Epoch.Should().Be(2, "the book was rebuilt from a REST snapshot");
        foreach (var other in reference.Keys.Where(s => s != "BCHSV-USDT"))
        {
            var snapshot = (await silo.ReadBookAsync(other)).Snapshot;
            snapshot.Counters.Resyncs.Should().Be(0, $"{other} shares the connection but not the fault");
            snapshot.Epoch.Should().Be(1, $"{other} kept its first snapshot");
        }
    }

    [Fact]
    public async Task Kraken_Disconnect_ReconnectsAndEveryPairResyncs()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var file = Recording("kraken", "2021-04-05_book-1000");
        var reference = ReferenceKrakenBooks.Build(file).Books.ToDictionary(b => b.Key, b => RefBook.From(Decimals(b.Value.Bids), Decimals(b.Value.Asks)));
        await using var silo = await SimulatedSilo.StartAsync([VenueBooks.Session([file], "kraken")], cts.Token, PlaybackStart.Immediately, playbackSpeed: 20);
        foreach (var symbol in reference.Keys)
        {
            await silo.WaitSyncedAsync(symbol, cts.Token);
        }

        silo.Simulator.CloseAllConnections().Should().BeGreaterThan(0);
        await silo.WaitUntilBooksEqualAsync(reference, cts.Token);

        (await silo.Grains.GetGrain<IExchangeConnectorGrain>("kraken").GetStatusAsync()).Reconnects.Should().BeGreaterThanOrEqualTo(1);
        reference.Should().HaveCount(10);
        foreach (var symbol in reference.Keys)
        {
            var (book, _) = await silo.ReadBookAsync(symbol);
            book.Epoch.Should().BeGreaterThanOrEqualTo(2, $"{symbol} was rebuilt from the snapshot after the reconnect");
            book.Counters.ChecksumFailures.Should().Be(0);
        }
    }
}
