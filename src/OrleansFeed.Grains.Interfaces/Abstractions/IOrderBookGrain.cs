using Orleans;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// The L2 book of one venue-symbol and its sync state. Key: <c>venue:symbol</c>, e.g. <c>binance-futures:BTCUSDT</c>
/// (<see cref="OrleansFeed.Core.Instruments.BookKey"/>). Fed by its venue's connector in ordered batches, one at a time:
/// in place on the silo they share (the book is placed on its connector's silo), by grain call otherwise; <c>[KeepAlive]</c>. Publishes <see cref="BookDelta"/>s on the
/// silo-local fan-out (<see cref="StreamNamespaces.BookDeltas"/>) with its own gap-free sequence; a re-activated book
/// publishes under an epoch above every one it published before.
/// </summary>
/// <remarks>Every answer is the book's state between two venue events. While the book resyncs it stays readable and
/// every answer says it is stale (<see cref="BookSnapshot.IsStale"/>).</remarks>
[Alias("OrleansFeed.IOrderBookGrain")]
public interface IOrderBookGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain (subscribing it to its venue events) if it is not active yet.</summary>
    /// <returns>Completes when active.</returns>
    Task EnsureActiveAsync();

    /// <summary>The book's top <paramref name="depth"/> levels per side with its sync state and counters.</summary>
    /// <param name="depth">Levels per side, 1..5000; larger values return every level held.</param>
    /// <returns>A consistent snapshot taken within one turn.</returns>
    Task<BookSnapshot> GetSnapshotAsync(int depth);

    /// <summary>The most recent trades, newest first.</summary>
    /// <param name="limit">At most this many, 1..1000 (the grain keeps the last 1000).</param>
    /// <returns>Trades, newest first.</returns>
    Task<Trade[]> GetRecentTradesAsync(int limit);

    /// <summary>BBO from the book plus the last trade and the venue's own last BBO message.</summary>
    /// <returns>The ticker.</returns>
    Task<Ticker> GetTickerAsync();
}
