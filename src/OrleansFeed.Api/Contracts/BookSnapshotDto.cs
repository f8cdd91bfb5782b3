using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts;

/// <summary>An L2 book snapshot (<c>GET /api/v1/books/{venue}/{symbol}</c>).</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">Canonical instrument.</param>
/// <param name="SyncState"><c>synced</c> (proven equal to the venue's at the depth its proof covers), <c>unverified</c> (something since the
/// last proof could hide a lost update), <c>unverifiable</c> (the feed carries no proof) or <c>syncing</c> (stale, being rebuilt);
/// see <c>BookSyncStateText</c> and docs/errors.md#book-states.</param>
/// <param name="Stale">True unless <c>syncState</c> is <c>synced</c>: levels may differ from the venue's.</param>
/// <param name="Epoch">Rebuild count of the book.</param>
/// <param name="Sequence">The book's delta sequence this snapshot reflects (WebSocket deltas continue at +1).</param>
/// <param name="LastUpdateId">Venue update id the book reflects; null when the venue sends none (e.g. 2021-2022 OKX frames without <c>seqId</c>).</param>
/// <param name="ExchangeTime">Venue time of the last applied event, ISO-8601 UTC with µs; null when none.</param>
/// <param name="ReceiveTime">Our receive time of the last applied event, ISO-8601 UTC with µs; null when none.</param>
/// <param name="Bids">Bids best (highest) first as <c>["price","size"]</c> decimal strings (quote currency, base units).</param>
/// <param name="Asks">Asks best (lowest) first as <c>["price","size"]</c>.</param>
/// <param name="Counters">Sync counters.</param>
public sealed record BookSnapshotDto(
    [property: JsonPropertyName("venue")] string Venue,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("instrument")] string Instrument,
    [property: JsonPropertyName("syncState")] string SyncState,
    [property: JsonPropertyName("stale")] bool Stale,
    [property: JsonPropertyName("epoch")] long Epoch,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("lastUpdateId")] long? LastUpdateId,
    [property: JsonPropertyName("exchangeTime")] string? ExchangeTime,
    [property: JsonPropertyName("receiveTime")] string? ReceiveTime,
    [property: JsonPropertyName("bids")] string[][] Bids,
    [property: JsonPropertyName("asks")] string[][] Asks,
    [property: JsonPropertyName("counters")] BookCountersDto Counters)
{
    /// <summary>The Orleans silo holding the book (silo address as in <c>GET /api/v1/cluster</c>); omitted when not known.</summary>
    [JsonPropertyName("silo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Silo { get; init; }
}
