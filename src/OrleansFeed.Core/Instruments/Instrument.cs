using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Instruments;

/// <summary>
/// One tradable instrument on one venue: its identity on the venue, its canonical cross-venue name,
/// and its trading increments.
/// </summary>
/// <param name="Venue">Venue id, lower case, e.g. <c>binance</c>, <c>binance-futures</c> (see <see cref="Venues"/>).</param>
/// <param name="Symbol">The venue's native symbol exactly as its REST API spells it, e.g. <c>BTCUSDT</c>.</param>
/// <param name="Canonical">Canonical instrument, e.g. <c>BTC-USDT</c> (spot) or <c>BTC-USDT-PERP</c>.</param>
/// <param name="Kind">Spot, perpetual, future or option.</param>
/// <param name="BaseAsset">Base asset, canonical (<c>XBT</c> becomes <c>BTC</c>).</param>
/// <param name="QuoteAsset">Quote asset; prices are in this currency.</param>
/// <param name="TickSize">Price increment in quote currency; zero when unknown.</param>
/// <param name="LotSize">Size increment in base units (or contracts); zero when unknown.</param>
/// <param name="Status">Trading status from the venue's reference data.</param>
public sealed record Instrument(
    string Venue,
    string Symbol,
    string Canonical,
    InstrumentKind Kind,
    string BaseAsset,
    string QuoteAsset,
    FixedDecimal TickSize,
    FixedDecimal LotSize,
    InstrumentStatus Status)
{
    /// <summary>Expiry of a dated future or option (UTC), when the venue gives one.</summary>
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>The book key <c>venue:symbol</c> that addresses this instrument's <c>OrderBookGrain</c>.</summary>
    public BookKey Key => new(Venue, Symbol);
}
