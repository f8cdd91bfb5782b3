using OrleansFeed.Core.Aggregation.Nbbo;

namespace OrleansFeed.Core.Aggregation.Depth;

/// <summary>One consolidated price level: the total size across venues and each venue's share.</summary>
/// <param name="Price">Price in quote currency, exact.</param>
/// <param name="TotalSize">Sum of the venues' sizes at this price, base units.</param>
/// <param name="Venues">Each contributing venue's size, in the order the venues were given to <see cref="ConsolidatedDepth.Merge"/>.</param>
public sealed record ConsolidatedLevel(decimal Price, decimal TotalSize, IReadOnlyList<VenueSize> Venues);
