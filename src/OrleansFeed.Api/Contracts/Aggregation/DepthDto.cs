using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Aggregation;

/// <summary>Consolidated depth (<c>GET /api/v1/depth/{instrument}</c>).</summary>
/// <param name="Instrument">Aggregator key.</param>
/// <param name="Venues">The venues merged (NBBO-eligible when the view was taken).</param>
/// <param name="Bids">Bid levels, best first.</param>
/// <param name="Asks">Ask levels, best first.</param>
/// <param name="AsOf">When the view was taken, ISO-8601 UTC µs.</param>
public sealed record DepthDto(
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("venues")] IReadOnlyList<string> Venues,
    [property: JsonPropertyName("bids")] IReadOnlyList<DepthLevelDto> Bids,
    [property: JsonPropertyName("asks")] IReadOnlyList<DepthLevelDto> Asks,
    [property: JsonPropertyName("asOf")] string? AsOf);

/// <summary>One consolidated level.</summary>
/// <param name="Price">Price, quote currency, decimal string.</param>
/// <param name="Size">Total size across venues, base units, decimal string.</param>
/// <param name="Venues">Each venue's size at the price.</param>
public sealed record DepthLevelDto(
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("venues")] IReadOnlyList<VenueSizeDto> Venues);
