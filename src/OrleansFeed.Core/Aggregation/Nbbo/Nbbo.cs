using OrleansFeed.Core.Time;

namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>
/// A consolidated best bid and offer across the eligible venues of one NBBO group, built the way a
/// securities information processor builds the consolidated quote: the best price per side across
/// venues, the total size displayed at that price, and which venues show it.
/// </summary>
/// <remarks>
/// Locked and crossed markets are flagged, not hidden: crypto venues are not linked, so a cross between two
/// venues is real (an arbitrage) and consumers decide what to do with it.
/// Prices are <see cref="decimal"/> so raw and fee-adjusted quotes share one shape; raw prices keep the venue's text scale.
/// Immutable; safe to publish and share across threads.
/// </remarks>
/// <param name="GroupKey">The NBBO group key (see <see cref="NbboGrouping.GroupKey"/>).</param>
/// <param name="PriceMode">Whether prices are displayed prices or fee-adjusted all-in prices.</param>
/// <param name="BidPrice">Best bid in quote currency (fee-adjusted in <see cref="NbboPriceMode.FeeAdjusted"/>); null when no eligible venue has a bid.</param>
/// <param name="BidSize">Total size at the best bid across the venues at that price, base units; zero when there is no bid.</param>
/// <param name="BidVenues">Venues at the best bid with their size, ordered by venue id (ordinal); empty when there is no bid.</param>
/// <param name="AskPrice">Best ask in quote currency (fee-adjusted in <see cref="NbboPriceMode.FeeAdjusted"/>); null when no eligible venue has an ask.</param>
/// <param name="AskSize">Total size at the best ask across the venues at that price, base units; zero when there is no ask.</param>
/// <param name="AskVenues">Venues at the best ask with their size, ordered by venue id (ordinal); empty when there is no ask.</param>
/// <param name="IsLocked">True when both sides exist and bid equals ask.</param>
/// <param name="IsCrossed">True when both sides exist and bid is above ask.</param>
/// <param name="EligibleVenueCount">Number of venues whose quote was used.</param>
/// <param name="ExchangeTime">Venue timestamp of the event that last updated the calculator (UTC, µs).</param>
/// <param name="ReceiveTime">Our receive timestamp of that event (UTC, µs); NBBO publish latency is measured from it.</param>
public sealed record Nbbo(
    string GroupKey,
    NbboPriceMode PriceMode,
    decimal? BidPrice,
    decimal BidSize,
    IReadOnlyList<VenueSize> BidVenues,
    decimal? AskPrice,
    decimal AskSize,
    IReadOnlyList<VenueSize> AskVenues,
    bool IsLocked,
    bool IsCrossed,
    int EligibleVenueCount,
    Timestamp ExchangeTime,
    Timestamp ReceiveTime)
{
    /// <summary>Ask minus bid in quote currency; negative when crossed, zero when locked, null when a side is missing.</summary>
    public decimal? Spread => BidPrice is { } bid && AskPrice is { } ask ? ask - bid : null;
}
