using OrleansFeed.Bridge.Nats.Contracts;
using OrleansFeed.Bridge.Nats.Subjects;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>
/// The stream → subject table. One row per silo stream namespace; adding a stream is adding one row here
/// (and its payload writer in <c>Contracts/</c>). Documented in docs/nats-bridge.md.
/// </summary>
public static class BridgeRoutes
{
    /// <summary>The aggregator's NBBO namespace (keyed by canonical instrument); published once the silo declares it.</summary>
    public const string NbboNamespace = "nbbo";

    /// <summary>The aggregator's rolling 24h stats namespace; published once the silo declares it.</summary>
    public const string StatsNamespace = "stats";

    /// <summary>The aggregator's candles namespace; published once the silo declares it.</summary>
    public const string CandlesNamespace = "candles";

    /// <summary>Every row: books, trades, venue BBO, then the aggregator's NBBO, stats and candles.</summary>
    public static IReadOnlyList<IBridgeRoute> All { get; } =
    [
        new BridgeRoute<BookDelta>(StreamNamespaces.BookDeltas, RouteScope.Book, "book",
            (p, t) => [MdSubjects.Book(p, t.Book.Venue, t.Book.Symbol)], (w, _, d) => BookJson.WriteDelta(w, d), d => d.ReceiveTime)
        {
            Sequence = d => d.Sequence,
            Epoch = d => d.Epoch,
            Kind = d => BookJson.KindText(d.Kind),
        },
        new BridgeRoute<Trade>(StreamNamespaces.Trades, RouteScope.Book, "trade",
            (p, t) => [MdSubjects.Trade(p, t.Book.Venue, t.Book.Symbol)], (w, t, x) => MarketJson.WriteTrade(w, t.Book, x), x => x.ReceiveTime)
        {
            // Venue trade ids are unique per venue-symbol: a repeat (bridge restart, two silos) is stored once.
            MsgId = (t, x) => x.TradeId == 0 ? null : $"{t.Book.Venue}:{t.Book.Symbol}:{x.TradeId}",
        },
        new BridgeRoute<BestBidOffer>(StreamNamespaces.VenueBbo, RouteScope.Book, "bbo",
            (p, t) => [MdSubjects.Bbo(p, t.Book.Venue, t.Book.Symbol)], (w, t, x) => MarketJson.WriteBbo(w, t.Book, x), x => x.ReceiveTime),
        new BridgeRoute<Nbbo>(NbboNamespace, RouteScope.Instrument, "nbbo",
            (p, t) => [MdSubjects.Instrument(p, "nbbo", t.Instrument)], (w, t, x) => AggregateJson.WriteNbbo(w, t.Instrument, x), x => x.ReceiveTime)
        {
            RequiresDeclaredNamespace = true,
        },
        new BridgeRoute<RollingStatsSnapshot>(StatsNamespace, RouteScope.Instrument, "stats",
            (p, t) => [MdSubjects.Instrument(p, "stats", t.Instrument)], (w, t, x) => AggregateJson.WriteStats(w, t.Instrument, x), _ => Timestamp.None)
        {
            RequiresDeclaredNamespace = true,
        },
        new BridgeRoute<Candle>(CandlesNamespace, RouteScope.Instrument, "candle",
            (p, t) => [.. AggregateJson.IntervalTokenList.Select(i => MdSubjects.Candle(p, i, t.Instrument))], (w, t, x) => AggregateJson.WriteCandle(w, t.Instrument, x), _ => Timestamp.None)
        {
            RequiresDeclaredNamespace = true,
            Variant = c => (int)c.Interval,
            // Only closed candles are de-duplicated: open ones update in place and must all pass.
            MsgId = (t, c) => c.IsClosed ? $"{t.Instrument}:{AggregateJson.IntervalToken(c.Interval)}:{c.Start.UnixMicroseconds}:{(c.IsAmended ? c.TradeCount : 0)}" : null,
        },
    ];
}
