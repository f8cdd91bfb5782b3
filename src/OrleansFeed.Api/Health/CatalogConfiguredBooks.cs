using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Instruments;

namespace OrleansFeed.Api.Health;

/// <summary>Default <see cref="IConfiguredBooks"/> (registered by <c>AddOrleansFeedBooksSynced</c>): every instrument in the <see cref="IInstrumentCatalog"/>.</summary>
/// <param name="catalog">The silo's instrument catalog.</param>
public sealed class CatalogConfiguredBooks(IInstrumentCatalog catalog) : IConfiguredBooks
{
    /// <inheritdoc />
    public IEnumerable<BookKey> GetBooks() => catalog.All.Select(i => i.Key);
}
