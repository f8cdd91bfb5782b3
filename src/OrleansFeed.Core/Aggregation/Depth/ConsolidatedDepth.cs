using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Books;

namespace OrleansFeed.Core.Aggregation.Depth;

/// <summary>Merges venues' L2 levels into a consolidated depth view.</summary>
/// <remarks>
/// Levels at numerically equal prices (<c>100.0</c> and <c>100.00</c>) merge into one. The caller passes only the
/// venues eligible for the NBBO (verified, fresh, not halted). Crossed venues are not uncrossed: a bid level may be
/// above an ask level, as in <see cref="Nbbo.Nbbo.IsCrossed"/>. Pure function; allocates the view.
/// </remarks>
public static class ConsolidatedDepth
{
    /// <summary>Merges the venues' levels, keeping the best <paramref name="levels"/> prices per side.</summary>
    /// <param name="venues">The venues and their levels.</param>
    /// <param name="levels">Number of price levels per side to keep, at least 1.</param>
    /// <returns>Bids descending, asks ascending, each level with total and per-venue size.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="levels"/> is below 1.</exception>
    public static ConsolidatedDepthView Merge(IReadOnlyList<VenueDepth> venues, int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        return new ConsolidatedDepthView(
            MergeSide(venues, levels, bids: true),
            MergeSide(venues, levels, bids: false));
    }

    private static List<ConsolidatedLevel> MergeSide(IReadOnlyList<VenueDepth> venues, int levels, bool bids)
    {
        // Sorted by "better first": a reversed comparer for bids, so the first N keys are the top N.
        var comparer = bids ? Comparer<decimal>.Create(static (x, y) => y.CompareTo(x)) : Comparer<decimal>.Default;
        var byPrice = new SortedDictionary<decimal, List<VenueSize>>(comparer);
        foreach (var venue in venues)
        {
            var side = bids ? venue.Bids : venue.Asks;
            foreach (var level in side)
            {
                AddLevel(byPrice, venue.Venue, level);
            }
        }

        var result = new List<ConsolidatedLevel>(Math.Min(levels, byPrice.Count));
        foreach (var (price, perVenue) in byPrice)
        {
            if (result.Count == levels)
            {
                break;
            }

            decimal total = 0m;
            foreach (var share in perVenue)
            {
                total += share.Size;
            }

            result.Add(new ConsolidatedLevel(price, total, perVenue));
        }

        return result;
    }

    private static void AddLevel(SortedDictionary<decimal, List<VenueSize>> byPrice, string venue, BookLevel level)
    {
        if (level.Size.Mantissa <= 0)
        {
            return;
        }

        var price = level.Price.ToDecimal();
        if (!byPrice.TryGetValue(price, out var perVenue))
        {
            perVenue = new List<VenueSize>(2);
            byPrice.Add(price, perVenue);
        }

        var size = level.Size.ToDecimal();
        var existing = perVenue.FindIndex(s => string.Equals(s.Venue, venue, StringComparison.Ordinal));
        if (existing >= 0)
        {
            // A venue listing one price twice is malformed input; sum rather than drop.
            perVenue[existing] = perVenue[existing] with { Size = perVenue[existing].Size + size };
        }
        else
        {
            perVenue.Add(new VenueSize(venue, size));
        }
    }
}
