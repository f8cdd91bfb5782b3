using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>L1 view of one book (<c>GET /api/v1/ticker/{venue}/{symbol}</c>).</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">Canonical instrument.</param>
/// <param name="SyncState"><c>synced</c> (proven equal to the venue's at the depth its proof covers), <c>unverified</c> (something since the
/// last proof could hide a lost update), <c>unverifiable</c> (the feed carries no proof) or <c>syncing</c> (stale, being rebuilt);
/// see <c>BookSyncStateText</c> and docs/errors.md#book-states.</param>
/// <param name="Stale">True unless <c>syncState</c> is <c>synced</c>.</param>
/// <param name="BestBid">Best bid from our book; null when the side is empty.</param>
/// <param name="BestAsk">Best ask from our book; null when the side is empty.</param>
/// <param name="LastTrade">Last trade; null before the first.</param>
/// <param name="VenueBbo">The venue's own last BBO message; null when none.</param>
public sealed record TickerDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("syncState")] string SyncState,
    [property: JsonPropertyName("stale")] bool Stale,
    [property: JsonPropertyName("bestBid")] LevelDto? BestBid,
    [property: JsonPropertyName("bestAsk")] LevelDto? BestAsk,
    [property: JsonPropertyName("lastTrade")] TradeDto? LastTrade,
    [property: JsonPropertyName("venueBbo")] VenueBboDto? VenueBbo);
