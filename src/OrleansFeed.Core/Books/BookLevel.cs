using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Core.Books;

/// <summary>One L2 price level: the total resting size at a price.</summary>
/// <param name="Price">Price in quote currency, exact, with the venue's text scale.</param>
/// <param name="Size">Total size at that price in base units (or contracts), exact; never zero in a book.</param>
public readonly record struct BookLevel(FixedDecimal Price, FixedDecimal Size);
