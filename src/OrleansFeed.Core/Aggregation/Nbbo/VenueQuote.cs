using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>
/// One venue's top of book for a canonical instrument, as the NBBO input: the latest best bid and
/// best ask plus the state flags that decide whether the venue may take part in the consolidated quote.
/// </summary>
/// <remarks>
/// A side is absent (empty book side) when its size is zero or negative; the price is then ignored.
/// Follows the SIP model: each venue contributes only its own best prices, never its depth.
/// </remarks>
/// <param name="Venue">Venue id, lower case (see <see cref="Instruments.Venues"/>); compared ordinally.</param>
/// <param name="BidPrice">Best bid price in quote currency, exact, venue text scale.</param>
/// <param name="BidSize">Size at the best bid in base units (or contracts); zero when the bid side is empty.</param>
/// <param name="AskPrice">Best ask price in quote currency, exact, venue text scale.</param>
/// <param name="AskSize">Size at the best ask in base units (or contracts); zero when the ask side is empty.</param>
/// <param name="BookVerified">True when the venue book is in sync (snapshot applied, sequence and checksum checks passing); an unverified venue is excluded.</param>
/// <param name="Halted">True when the venue reports the instrument halted or in a break; a halted venue is excluded.</param>
/// <param name="ExchangeTime">Venue timestamp of the event that produced this quote (UTC, µs).</param>
/// <param name="ReceiveTime">Our receive timestamp of that event (UTC, µs); staleness is measured from it.</param>
public readonly record struct VenueQuote(
    string Venue,
    FixedDecimal BidPrice,
    FixedDecimal BidSize,
    FixedDecimal AskPrice,
    FixedDecimal AskSize,
    bool BookVerified,
    bool Halted,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime)
{
    /// <summary>True when the quote has a bid (bid size above zero).</summary>
    public bool HasBid => BidSize.Mantissa > 0;

    /// <summary>True when the quote has an ask (ask size above zero).</summary>
    public bool HasAsk => AskSize.Mantissa > 0;
}
