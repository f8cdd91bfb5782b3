using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Common.Events;

/// <summary>One level change as the venue sent it: the new absolute size at a price (zero removes).</summary>
/// <param name="Side">Bid or ask.</param>
/// <param name="Price">Price in quote currency, exact, original text scale kept.</param>
/// <param name="Size">New total size at the price in base units (or contracts); zero removes the level.</param>
/// <param name="Sequence">The level's own sequence where the venue sends one (KuCoin), else 0.</param>
public readonly record struct LevelUpdate(BookSide Side, FixedDecimal Price, FixedDecimal Size, long Sequence = 0);
