using OrleansFeed.Core.Aggregation.Stats;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Quotes;

/// <summary>
/// A venue's own rolling 24 h ticker, exactly as the venue states it (original decimal text and scale kept): a
/// data-quality reference for our 24 h statistics computed from trades, never a source of them.
/// </summary>
/// <remarks>Sources: OKX <c>tickers</c> (<c>open24h</c>, <c>high24h</c>, <c>low24h</c>, <c>last</c>, <c>vol24h</c>;
/// exchange-protocols.md §6), Kraken v1 <c>ticker</c> (<c>o[1]</c>, <c>h[1]</c>, <c>l[1]</c>, <c>c[0]</c>,
/// <c>v[1]</c>: the "last 24 hours" elements) and v2 <c>ticker</c> (<c>last − change</c>, <c>high</c>, <c>low</c>,
/// <c>last</c>, <c>volume</c>), Bitfinex <c>ticker</c> (<c>LAST_PRICE − DAILY_CHANGE</c>, <c>HIGH</c>, <c>LOW</c>,
/// <c>LAST_PRICE</c>, <c>VOLUME</c>). A field is null when the venue does not give it.</remarks>
/// <param name="Open">The venue's 24 h open (price 24 h ago), quote currency; null when not given.</param>
/// <param name="High">24 h high, quote currency; null when not given.</param>
/// <param name="Low">24 h low, quote currency; null when not given.</param>
/// <param name="Last">Last trade price, quote currency.</param>
/// <param name="Volume">24 h volume in the unit of the venue's trade sizes (base units on spot; contracts on OKX
/// derivatives, whose trades are in contracts too); null when not given.</param>
/// <param name="ExchangeTime">Venue time of the ticker (UTC, µs); <see cref="Timestamp.None"/> when the venue sends none (Kraken, Bitfinex).</param>
/// <param name="ReceiveTime">Our receive time (UTC, µs).</param>
public readonly record struct VenueTicker24h(
    FixedDecimal? Open,
    FixedDecimal? High,
    FixedDecimal? Low,
    FixedDecimal Last,
    FixedDecimal? Volume,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime)
{
    /// <summary>The values <see cref="TickerComparison.Compare"/> takes.</summary>
    /// <returns>Volume, last, high and low as decimals (null where not given).</returns>
    public VenueTicker ToVenueTicker() => new(Volume?.ToDecimal(), Last.ToDecimal(), High?.ToDecimal(), Low?.ToDecimal());
}
