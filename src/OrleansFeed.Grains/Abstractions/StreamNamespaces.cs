namespace OrleansFeed.Grains.Abstractions;

/// <summary>Stream namespaces; every stream key is the book key <c>venue:symbol</c>.</summary>
public static class StreamNamespaces
{
    /// <summary>Connector → book: <c>OrleansFeed.Exchanges.Common.Events.BookEvent</c> (diffs, snapshots, resets).</summary>
    public const string BookEvents = "book-events";

    /// <summary>Connector → book, API, aggregator: <c>OrleansFeed.Core.Trades.Trade</c>.</summary>
    public const string Trades = "trades";

    /// <summary>Connector → book: the venue's own BBO messages (<c>BestBidOffer</c>).</summary>
    public const string VenueBbo = "venue-bbo";

    /// <summary>Book → consumers (WebSocket, NATS, aggregator): <see cref="BookDelta"/> with a gap-free sequence.</summary>
    public const string BookDeltas = "book-deltas";
}
