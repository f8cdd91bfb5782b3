using Microsoft.Extensions.Options;
using OrleansFeed.Api.Health;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Connectors;

namespace OrleansFeed.Silo.Hosting;

/// <summary>Readiness waits for exactly the books configured under <c>Feed:Venues</c>.</summary>
/// <param name="feed">Configured venues.</param>
/// <param name="venues">Venue adapters (each spells its symbols its own way).</param>
public sealed class FeedConfiguredBooks(IOptions<FeedOptions> feed, VenueRegistry venues) : IConfiguredBooks
{
    /// <inheritdoc />
    public IEnumerable<BookKey> GetBooks() => FeedStartupService.ConfiguredBooks(feed.Value, venues);
}
