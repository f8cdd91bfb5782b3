using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Common.Events;

/// <summary>
/// Receives what a venue frame parser finds. Called synchronously from the parser on the receive loop;
/// implementations must not block (they queue or apply and return).
/// </summary>
public interface IMarketEventSink
{
    /// <summary>An order-book event; the sink takes ownership of its rented levels.</summary>
    /// <param name="bookEvent">The event.</param>
    void OnBookEvent(in BookEvent bookEvent);

    /// <summary>A public trade.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="trade">The trade.</param>
    void OnTrade(string symbol, in Trade trade);

    /// <summary>A venue BBO message.</summary>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="bbo">The BBO.</param>
    void OnBestBidOffer(string symbol, in BestBidOffer bbo);

    /// <summary>The venue's own 24 h ticker (OKX <c>tickers</c>, Kraken <c>ticker</c>, Bitfinex <c>ticker</c>).</summary>
    /// <remarks>Default: ignored, so sinks (and parsers) that have no use for it stay unchanged.</remarks>
    /// <param name="symbol">Native symbol.</param>
    /// <param name="ticker">The ticker.</param>
    void OnVenueTicker(string symbol, in VenueTicker24h ticker)
    {
    }

    /// <summary>A frame was rejected; counted and logged once per episode by the sink.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="symbol">The symbol when it could be read, else null.</param>
    void OnRejected(FrameRejectReason reason, string? symbol);

    /// <summary>The venue announced it will close this connection soon (Binance <c>serverShutdown</c>).</summary>
    void OnServerShutdownNotice();
}
