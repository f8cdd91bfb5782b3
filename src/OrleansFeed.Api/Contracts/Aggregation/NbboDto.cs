using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Aggregation;

/// <summary>The NBBO of an instrument (<c>GET /api/v1/nbbo/{instrument}</c>, WebSocket channel <c>nbbo</c>).</summary>
/// <param name="Instrument">Aggregator key, e.g. <c>BTC-USDT</c> (or <c>BTC-USD*</c> under the merged USD policy).</param>
/// <param name="Sequence">Sequence of the last published NBBO change; updates after a snapshot have a larger one.</param>
/// <param name="Bid">Best bid across eligible venues; null when none.</param>
/// <param name="Ask">Best ask across eligible venues; null when none.</param>
/// <param name="Spread">Ask − bid, decimal string; negative when crossed; null when a side is missing.</param>
/// <param name="Locked">True when bid equals ask (flagged, not hidden).</param>
/// <param name="Crossed">True when bid is above ask (flagged, not hidden).</param>
/// <param name="EligibleVenues">Number of venues whose quote was used.</param>
/// <param name="FeeAdjusted">The same NBBO on taker-fee-adjusted prices.</param>
/// <param name="Venues">Every venue book with its top of book and eligibility (<c>eligible</c>, <c>no-quote</c>, <c>unverified</c>, <c>stale</c>, <c>halted</c>).</param>
/// <param name="ExchangeTime">Venue time of the event that triggered this NBBO, ISO-8601 UTC µs.</param>
/// <param name="ReceiveTime">Our receive time of that event, ISO-8601 UTC µs.</param>
/// <param name="PublishTime">When the NBBO was computed, ISO-8601 UTC µs.</param>
public sealed record NbboDto(
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("bid")] NbboSideDto? Bid,
    [property: JsonPropertyName("ask")] NbboSideDto? Ask,
    [property: JsonPropertyName("spread")] string? Spread,
    [property: JsonPropertyName("locked")] bool Locked,
    [property: JsonPropertyName("crossed")] bool Crossed,
    [property: JsonPropertyName("eligibleVenues")] int EligibleVenues,
    [property: JsonPropertyName("feeAdjusted")] NbboPricesDto FeeAdjusted,
    [property: JsonPropertyName("venues")] IReadOnlyList<NbboVenueDto> Venues,
    [property: JsonPropertyName("exchangeTime")] string? ExchangeTime,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime,
    [property: JsonPropertyName("publishTime")] string? PublishTime);

/// <summary>One side of an NBBO.</summary>
/// <param name="Price">Best price, quote currency, decimal string.</param>
/// <param name="Size">Total size at the best price across venues, base units, decimal string.</param>
/// <param name="Venues">Venues at the best price with their size, ordered by venue id.</param>
public sealed record NbboSideDto(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("venues")] IReadOnlyList<VenueSizeDto> Venues);

/// <summary>The fee-adjusted NBBO sides.</summary>
/// <param name="Bid">All-in best bid (price × (1 − taker fee)); null when none.</param>
/// <param name="Ask">All-in best ask (price × (1 + taker fee)); null when none.</param>
public sealed record NbboPricesDto(
    [property: JsonPropertyName("bid")] NbboSideDto? Bid,
    [property: JsonPropertyName("ask")] NbboSideDto? Ask);

/// <summary>A venue's size at a price.</summary>
/// <param name="Venue">Venue id (or <c>venue:symbol</c> when a venue has several books in the group).</param>
/// <param name="Size">Size, base units, decimal string.</param>
public sealed record VenueSizeDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("size")] string Size);

/// <summary>One venue book's quote in an NBBO.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">The book's canonical instrument.</param>
/// <param name="Eligibility"><c>eligible</c>, <c>no-quote</c>, <c>unverified</c>, <c>stale</c> or <c>halted</c>.</param>
/// <param name="Bid">Best bid; null when the side is empty.</param>
/// <param name="Ask">Best ask; null when the side is empty.</param>
/// <param name="ReceiveTime">Receive time of the book's last update, ISO-8601 UTC µs.</param>
public sealed record NbboVenueDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("eligibility")] string Eligibility,
    [property: JsonPropertyName("bid")] LevelDto? Bid,
    [property: JsonPropertyName("ask")] LevelDto? Ask,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime);
