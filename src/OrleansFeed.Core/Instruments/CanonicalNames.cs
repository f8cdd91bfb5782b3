using System.Globalization;

namespace OrleansFeed.Core.Instruments;

/// <summary>
/// Builds canonical instrument names shared by every venue: spot <c>BASE-QUOTE</c> (<c>BTC-USDT</c>), perpetual
/// swaps <c>BASE-QUOTE-PERP</c> (<c>BTC-USDT-PERP</c>, inverse <c>BTC-USD-PERP</c>), dated futures
/// <c>BASE-QUOTE-yyyyMMdd</c> (<c>BTC-USD-20211231</c>, expiry date in UTC). Asset codes are upper case with the
/// venues' legacy aliases folded (Kraken <c>XBT</c> → <c>BTC</c>, <c>XDG</c> → <c>DOGE</c>), so <c>XBT/USD</c>
/// on Kraken and <c>BTC-USD</c> on Coinbase name the same instrument. The full mapping table is docs/venues.md.
/// </summary>
public static class CanonicalNames
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["XBT"] = "BTC",
        ["XDG"] = "DOGE",
    };

    /// <summary>The canonical code of an asset: upper case, aliases folded.</summary>
    /// <param name="code">The venue's asset code, e.g. <c>xbt</c>.</param>
    /// <returns>E.g. <c>BTC</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    public static string Asset(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var upper = code.Trim().ToUpperInvariant();
        return Aliases.TryGetValue(upper, out var alias) ? alias : upper;
    }

    /// <summary>Spot pair name.</summary>
    /// <param name="baseAsset">Base asset code (any venue spelling).</param>
    /// <param name="quoteAsset">Quote asset code.</param>
    /// <returns>E.g. <c>BTC-USDT</c>.</returns>
    public static string Spot(string baseAsset, string quoteAsset) => $"{Asset(baseAsset)}-{Asset(quoteAsset)}";

    /// <summary>Perpetual swap name (linear or inverse: the quote says which).</summary>
    /// <param name="baseAsset">Base asset code.</param>
    /// <param name="quoteAsset">Quote (settlement-price) asset code.</param>
    /// <returns>E.g. <c>BTC-USDT-PERP</c>.</returns>
    public static string Perpetual(string baseAsset, string quoteAsset) => Spot(baseAsset, quoteAsset) + "-PERP";

    /// <summary>Dated future name.</summary>
    /// <param name="baseAsset">Base asset code.</param>
    /// <param name="quoteAsset">Quote asset code.</param>
    /// <param name="expiry">Expiry (its UTC date is used).</param>
    /// <returns>E.g. <c>BTC-USD-20211231</c>.</returns>
    public static string Future(string baseAsset, string quoteAsset, DateTimeOffset expiry) =>
        Spot(baseAsset, quoteAsset) + "-" + expiry.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
