using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Tests.Reference;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// Issue 9 item 4: a replacement connection that gets no frame in time is retried, never left hanging or thrown away.
/// The simulator stalls the replacement opened on a Binance <c>serverShutdown</c> notice (accepted and subscribed, but
/// silent); the connector must drop it, keep the current connection, open another replacement that delivers, hand
/// over, and end with every book equal to an independent rebuild of the capture.
/// </summary>
public sealed class SilentReplacementTests
{
    // Generous: the machine is shared and loaded; nothing here measures speed.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ServerShutdown_ReplacementStalls_RetriedHandedOverAndBooksEqualRebuild()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SiloAgainstSimulatorTests.SessionFiles("binance_futures", "2021-07-22");
        // One connection (no split routes), played at the recorded pace (30 s) so frames still flow after the fault.
        await using var silo = await SimulatedSilo.StartAsync(
            [SimulatedSession.BinanceMarket(files, splitRoutes: false)],
            cts.Token,
            playbackSpeed: 1,
            settings: new Dictionary<string, string?> { ["Feed:Venues:binance-futures:ReplacementFirstFrameTimeout"] = "00:00:01" });
        await Poll.UntilAsync(() => silo.Simulator.SnapshotSymbols.All(silo.IsSynced), "all books synced before the fault", cts.Token);
        var accepted = silo.Simulator.ConnectionsAccepted;

        silo.Simulator.StallNextConnections(1);
        silo.Simulator.ServerShutdownNotice().Should().Be(1);

        // The stalled replacement, then at least one more that delivers and takes over: the old and the stalled
        // connection are closed, one stays.
        await Poll.UntilAsync(
            () => silo.Simulator.StalledConnections == 1 && silo.Simulator.ConnectionsAccepted >= accepted + 2 && silo.Simulator.ClientsConnected == 1,
            "a stalled replacement, a retried one that took over, one connection left",
            cts.Token);
        silo.Simulator.PlaybackCompleted.IsCompleted.Should().BeFalse("the hand-over must happen while the recording still plays, or it proves nothing");

        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        var reference = ReferenceBinanceBooks.Build(files, futures: true);
        foreach (var (symbol, expected) in reference)
        {
            var book = await SiloAgainstSimulatorTests.WaitForUpdateIdAsync(silo, symbol, expected.LastUpdateId, cts.Token);
            book.SyncState.Should().Be(BookSyncState.Synced);
            book.Counters.Gaps.Should().Be(0, $"{symbol}: the hand-over replays the replacement's buffered frames after the old connection's");
            SiloAgainstSimulatorTests.AssertSide(book.Bids, expected.Bids, symbol);
            SiloAgainstSimulatorTests.AssertSide(book.Asks, expected.Asks, symbol);
        }

        silo.Simulator.ClientsConnected.Should().Be(1);
    }
}
