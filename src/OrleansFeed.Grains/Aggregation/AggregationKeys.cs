using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Grains.Instruments;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>Which aggregators exist and which books feed each: one aggregator per NBBO group key of the catalog's instruments.</summary>
public static class AggregationKeys
{
    /// <summary>The aggregator keys of every instrument in the catalog, sorted (ordinal).</summary>
    /// <param name="catalog">The instrument catalog.</param>
    /// <param name="policy">The quote-currency policy.</param>
    /// <returns>Distinct group keys.</returns>
    public static IReadOnlyList<string> All(IInstrumentCatalog catalog, QuoteCurrencyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.All.Select(i => NbboGrouping.GroupKey(i.Canonical, policy)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The books whose canonical instrument belongs to <paramref name="key"/>, ordered by venue then symbol.</summary>
    /// <param name="catalog">The instrument catalog.</param>
    /// <param name="key">An aggregator key.</param>
    /// <param name="policy">The quote-currency policy.</param>
    /// <returns>The instruments; empty for an unknown key.</returns>
    public static IReadOnlyList<Instrument> Books(IInstrumentCatalog catalog, string key, QuoteCurrencyPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.All.Where(i => string.Equals(NbboGrouping.GroupKey(i.Canonical, policy), key, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Finds the aggregator key for a client's instrument text: exact, then upper case, then as a canonical name grouped by the policy.</summary>
    /// <param name="catalog">The instrument catalog.</param>
    /// <param name="text">Client text, e.g. <c>btc-usdt</c>.</param>
    /// <param name="policy">The quote-currency policy.</param>
    /// <param name="key">The aggregator key.</param>
    /// <returns>False when no configured venue trades it.</returns>
    public static bool TryResolve(IInstrumentCatalog catalog, string? text, QuoteCurrencyPolicy policy, out string key)
    {
        key = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        var keys = All(catalog, policy);
        foreach (var candidate in new[] { text, text.ToUpperInvariant(), NbboGrouping.GroupKey(text.ToUpperInvariant(), policy) })
        {
            if (keys.Contains(candidate, StringComparer.Ordinal))
            {
                key = candidate;
                return true;
            }
        }

        return false;
    }
}
