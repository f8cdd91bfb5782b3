using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Instruments;

namespace OrleansFeed.Api.Rest;

/// <summary>
/// Finds the served instrument for a client's venue and symbol: exact text first, then the venue in lower case
/// and the symbol in upper case (most venues spell symbols upper case, clients often do not).
/// </summary>
internal static class BookResolver
{
    public static bool TryResolve(IInstrumentCatalog catalog, string? venue, string? symbol, out Instrument instrument)
    {
        instrument = null!;
        if (string.IsNullOrWhiteSpace(venue) || string.IsNullOrWhiteSpace(symbol) || venue.Length > 64 || symbol.Length > 64)
        {
            return false;
        }

        if (catalog.TryGet(new BookKey(venue, symbol), out instrument))
        {
            return true;
        }

        // Symbols with a slash (Kraken XBT/USD) arrive through the catch-all route segment, or percent-encoded.
        symbol = Uri.UnescapeDataString(symbol);
        if (catalog.TryGet(new BookKey(venue, symbol), out instrument))
        {
            return true;
        }

        var lowerVenue = venue.ToLowerInvariant();
        var upperSymbol = symbol.ToUpperInvariant();
        return catalog.TryGet(new BookKey(lowerVenue, symbol), out instrument)
            || catalog.TryGet(new BookKey(lowerVenue, upperSymbol), out instrument);
    }
}
