using System.Collections.Frozen;

namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>Maps a canonical instrument to the key of the NBBO group it belongs to.</summary>
/// <remarks>
/// The caller (the aggregator) keeps one <see cref="NbboCalculator"/> per group key and feeds it the venues
/// whose instruments map to that key. Canonical names are <c>BASE-QUOTE</c> with an optional suffix
/// (<c>-PERP</c>, <c>-YYYYMMDD</c>, ...); only the quote part is rewritten, so a perpetual never joins a spot group.
/// </remarks>
public static class NbboGrouping
{
    /// <summary>The quote currency written for a merged USD group: <c>USD*</c>.</summary>
    public const string MergedUsdQuote = "USD*";

    /// <summary>
    /// Quote currencies treated as USD under <see cref="QuoteCurrencyPolicy.TreatUsdStablecoinsAsOne"/>:
    /// USD, USDT, USDC, BUSD, FDUSD, TUSD, USDP, PYUSD, DAI (upper case, ordinal).
    /// </summary>
    public static FrozenSet<string> UsdStablecoins { get; } =
        new[] { "USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "USDP", "PYUSD", "DAI" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The NBBO group key for a canonical instrument.</summary>
    /// <param name="canonical">Canonical instrument, e.g. <c>BTC-USDT</c> or <c>BTC-USDC-PERP</c>.</param>
    /// <param name="policy">The quote-currency policy.</param>
    /// <returns>
    /// The canonical name itself under <see cref="QuoteCurrencyPolicy.Separate"/> or when the quote is not a
    /// USD stablecoin; otherwise the name with its quote replaced by <c>USD*</c> (<c>BTC-USDT-PERP</c> → <c>BTC-USD*-PERP</c>).
    /// A name without a <c>-</c> is returned unchanged. Never throws.
    /// </returns>
    public static string GroupKey(string canonical, QuoteCurrencyPolicy policy)
    {
        if (policy == QuoteCurrencyPolicy.Separate || string.IsNullOrEmpty(canonical))
        {
            return canonical;
        }

        var first = canonical.IndexOf('-', StringComparison.Ordinal);
        if (first <= 0)
        {
            return canonical;
        }

        var second = canonical.IndexOf('-', first + 1);
        var quoteEnd = second < 0 ? canonical.Length : second;
        var quote = canonical[(first + 1)..quoteEnd];
        if (!UsdStablecoins.Contains(quote))
        {
            return canonical;
        }

        return string.Concat(canonical.AsSpan(0, first + 1), MergedUsdQuote, canonical.AsSpan(quoteEnd));
    }
}
