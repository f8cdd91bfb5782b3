using OrleansFeed.Core.Quotes;
namespace OrleansFeed.Grains.Abstractions;

/// <summary>Namespaces of the silo-local fan-out (connector → book events do not use it: the connector calls its book
/// grains directly); book streams are keyed by the book key <c>venue:symbol</c>, aggregation streams
/// (<see cref="Nbbo"/>, <see cref="Stats"/>, <see cref="Candles"/>) by the aggregator's instrument key.</summary>
public static class StreamNamespaces
{
    /// <summary>Connector → API (WebSocket), aggregator, NATS bridge, Redis last values: <c>OrleansFeed.Core.Trades.Trade</c> (the book gets its trades in its batches).</summary>
    public const string Trades = "trades";

    /// <summary>Connector → NATS bridge, Redis last values: the venue's own BBO messages (<c>BestBidOffer</c>; the book gets them in its batches).</summary>
    public const string VenueBbo = "venue-bbo";

    /// <summary>Connector → aggregator: the venue's own 24 h ticker (<c>OrleansFeed.Exchanges.Common.Events.VenueTicker24h</c>),
    /// keyed by book key; a quality reference for the computed 24 h statistics.</summary>
    public const string VenueTicker = "venue-ticker";

    /// <summary>Book → consumers (WebSocket, NATS, aggregator): <see cref="BookDelta"/> with a gap-free sequence.</summary>
    public const string BookDeltas = "book-deltas";

    /// <summary>Aggregator → consumers (WebSocket, NATS bridge): <see cref="AggregatedNbbo"/>, keyed by instrument (NBBO group key, e.g. <c>BTC-USDT</c>).</summary>
    public const string Nbbo = "nbbo";

    /// <summary>Aggregator → consumers: <see cref="AggregatedStats"/> (24 h rolling), keyed by instrument; at most once per aggregator tick.</summary>
    public const string Stats = "stats";

    /// <summary>Aggregator → consumers: <see cref="CandleUpdate"/> (closed, amended and open candles), keyed by instrument.</summary>
    public const string Candles = "candles";
}
