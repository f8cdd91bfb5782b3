using OrleansFeed.Core.Quotes;
using OrleansFeed.Bridge.Nats.Contracts;
using OrleansFeed.Grains.Subjects;
using OrleansFeed.Core.Books;
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
    /// <summary>The aggregator's NBBO namespace (<see cref="StreamNamespaces.Nbbo"/>, keyed by aggregator key).</summary>
    public const string NbboNamespace = StreamNamespaces.Nbbo;

    /// <summary>The aggregator's rolling 24 h stats namespace (<see cref="StreamNamespaces.Stats"/>).</summary>
    public const string StatsNamespace = StreamNamespaces.Stats;

    /// <summary>The aggregator's candles namespace (<see cref="StreamNamespaces.Candles"/>).</summary>
    public const string CandlesNamespace = StreamNamespaces.Candles;

    /// <summary>Every row: books, trades, venue BBO, then the aggregator's NBBO, stats and candles.</summary>
    public static IReadOnlyList<IBridgeRoute> All { get; } =
    [
        new BridgeRoute<BookDelta>(StreamNamespaces.BookDeltas, RouteScope.Book, "book",
            (p, t) => [MdSubjects.Book(p, t.Book.Venue, t.Book.Symbol)], (w, _, d) => BookJson.WriteDelta(w, d), d => d.ReceiveTime)
        {
            Sequence = d => d.Sequence,
            Epoch = d => d.Epoch,
            Kind = d => BookJson.KindText(d.Kind),
            SyncState = d => BookJson.SyncStateOf(d).ToWire(),
        },
        new BridgeRoute<Trade>(StreamNamespaces.Trades, RouteScope.Book, "trade",
            (p, t) => [MdSubjects.Trade(p, t.Book.Venue, t.Book.Symbol)], (w, t, x) => MarketJson.WriteTrade(w, t.Book, x), x => x.ReceiveTime)
        {
            // Venue trade ids are unique per venue-symbol: a repeat (bridge restart, two silos) is stored once.
            MsgId = (t, x) => x.TradeId == 0 ? null : $"{t.Book.Venue}:{t.Book.Symbol}:{x.TradeId}",
        },
        new BridgeRoute<BestBidOffer>(StreamNamespaces.VenueBbo, RouteScope.Book, "bbo",
            (p, t) => [MdSubjects.Bbo(p, t.Book.Venue, t.Book.Symbol)], (w, t, x) => MarketJson.WriteBbo(w, t.Book, x), x => x.ReceiveTime),
        new BridgeRoute<AggregatedNbbo>(StreamNamespaces.Nbbo, RouteScope.Instrument, "nbbo",
            (p, t) => [MdSubjects.Instrument(p, "nbbo", t.Instrument)], (w, _, x) => AggregateJson.WriteNbbo(w, x), x => x.Nbbo.ReceiveTime)
        {
            // The aggregator's own gap-free publish sequence (also "sequence" in the body).
            Sequence = x => x.Sequence,
        },
        new BridgeRoute<AggregatedStats>(StreamNamespaces.Stats, RouteScope.Instrument, "stats",
            (p, t) => [MdSubjects.Instrument(p, "stats", t.Instrument)], (w, _, x) => AggregateJson.WriteStats(w, x), _ => Timestamp.None),
        new BridgeRoute<CandleUpdate>(StreamNamespaces.Candles, RouteScope.Instrument, "candle",
            CandleSubjects, (w, _, x) => AggregateJson.WriteCandle(w, x), _ => Timestamp.None)
        {
            Variant = CandleVariant,
            // Closed and amended candles go to the stored subjects too (JetStream keeps only those, not every update).
            StoredSubjects = ClosedCandleSubjects,
            IsStored = u => u.Candle.IsClosed,
            // Only closed candles are de-duplicated: open ones update in place and must all pass.
            MsgId = (t, u) => u.Candle.IsClosed
                ? $"{t.Instrument}:{u.Venue ?? "all"}:{AggregateJson.IntervalToken(u.Candle.Interval)}:{u.Candle.Start.UnixMicroseconds}:{(u.Candle.IsAmended ? u.Candle.TradeCount : 0)}"
                : null,
        },
    ];

    // Per interval: the consolidated subject, then one per venue of the instrument (target order).
    private static string[] CandleSubjects(string prefix, RouteTarget target)
    {
        var venues = target.Venues ?? [];
        var subjects = new List<string>();
        foreach (var interval in AggregateJson.IntervalTokenList)
        {
            subjects.Add(MdSubjects.Candle(prefix, interval, target.Instrument));
            subjects.AddRange(venues.Select(v => MdSubjects.VenueCandle(prefix, interval, target.Instrument, v)));
        }

        return [.. subjects];
    }

    // The same order as CandleSubjects, on the candle-closed subjects.
    private static string[] ClosedCandleSubjects(string prefix, RouteTarget target)
    {
        var venues = target.Venues ?? [];
        var subjects = new List<string>();
        foreach (var interval in AggregateJson.IntervalTokenList)
        {
            subjects.Add(MdSubjects.ClosedCandle(prefix, interval, target.Instrument));
            subjects.AddRange(venues.Select(v => MdSubjects.ClosedCandle(prefix, interval, target.Instrument, v)));
        }

        return [.. subjects];
    }

    private static int CandleVariant(RouteTarget target, CandleUpdate update)
    {
        var venues = target.Venues ?? [];
        var venue = 0;
        if (update.Venue is not null)
        {
            venue = Array.IndexOf(venues, update.Venue) + 1;
            if (venue == 0)
            {
                return -1; // A venue that joined after start has no subject yet: its candles are not bridged.
            }
        }

        return ((int)update.Candle.Interval * (venues.Length + 1)) + venue;
    }
}
