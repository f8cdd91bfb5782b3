using Orleans;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>One NBBO update of an instrument, as published on <see cref="StreamNamespaces.Nbbo"/> and answered by
/// <see cref="IAggregatorGrain.GetNbboAsync"/>.</summary>
/// <param name="Instrument">The aggregator key (NBBO group key), e.g. <c>BTC-USDT</c>.</param>
/// <param name="Sequence">Publish sequence of the aggregator activation: +1 per published change; a query returns the last published value.</param>
/// <param name="Nbbo">The NBBO on displayed prices; carries the triggering venue event's exchange and receive times.</param>
/// <param name="FeeAdjusted">The NBBO on taker-fee-adjusted prices (fees from <c>Aggregation:Venues:{venue}:TakerFeeBps</c>).</param>
/// <param name="Venues">Every venue book of the instrument with its top of book and eligibility, ordered by venue then symbol.</param>
/// <param name="PublishTime">When the aggregator computed this value (UTC, µs, from its TimeProvider).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.AggregatedNbbo")]
public sealed record AggregatedNbbo(
    string Instrument,
    long Sequence,
    Core.Aggregation.Nbbo.Nbbo Nbbo,
    Core.Aggregation.Nbbo.Nbbo FeeAdjusted,
    IReadOnlyList<VenueQuoteStatus> Venues,
    Timestamp PublishTime);

/// <summary>One venue book's contribution to an NBBO.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Canonical">The book's canonical instrument (differs from the aggregator key under a merged currency policy).</param>
/// <param name="Eligibility">Whether the venue's quote is used, and if not, why.</param>
/// <param name="BidPrice">Best bid, quote currency; null when the side is empty.</param>
/// <param name="BidSize">Size at the best bid, base units; zero when empty.</param>
/// <param name="AskPrice">Best ask, quote currency; null when the side is empty.</param>
/// <param name="AskSize">Size at the best ask, base units; zero when empty.</param>
/// <param name="ReceiveTime">Receive time of the venue book's last update (UTC, µs); staleness is measured from it.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.VenueQuoteStatus")]
public sealed record VenueQuoteStatus(
    string Venue,
    string Symbol,
    string Canonical,
    VenueEligibility Eligibility,
    decimal? BidPrice,
    decimal BidSize,
    decimal? AskPrice,
    decimal AskSize,
    Timestamp ReceiveTime);
