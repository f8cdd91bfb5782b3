using Orleans;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Trades;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>L1 view of one book.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Symbol">Native symbol.</param>
/// <param name="Instrument">Canonical instrument.</param>
/// <param name="SyncState">Synced (proven equal to the venue's at the depth its proof covers), unverified (something since the
/// last proof could hide a lost update), unverifiable (the feed carries no proof) or syncing (stale, being rebuilt);
/// JSON names in <see cref="BookSyncStateText"/>, promises in docs/errors.md#book-states.</param>
/// <param name="BestBid">Best bid from the book; null when the side is empty.</param>
/// <param name="BestAsk">Best ask from the book; null when empty.</param>
/// <param name="LastTrade">Last trade; null before the first.</param>
/// <param name="VenueBbo">The venue's own last BBO message (Binance <c>bookTicker</c>); null when none.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.Ticker")]
public sealed record Ticker(
    string Venue,
    string Symbol,
    string Instrument,
    BookSyncState SyncState,
    BookLevel? BestBid,
    BookLevel? BestAsk,
    Trade? LastTrade,
    BestBidOffer? VenueBbo);
