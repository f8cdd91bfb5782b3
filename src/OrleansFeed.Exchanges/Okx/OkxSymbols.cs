using System.Globalization;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// Maps OKX instrument ids to canonical instruments from the id text alone (§6 REST "Symbols"): spot
/// <c>BTC-USDT</c> → <c>BTC-USDT</c>; perpetual <c>BTC-USDT-SWAP</c> → <c>BTC-USDT-PERP</c>; dated future
/// <c>BTC-USD-211231</c> → <c>BTC-USD-20211231</c>; option <c>BTC-USD-210924-42000-P</c> → <c>BTC-USD-20210924-42000-P</c>.
/// </summary>
public static class OkxSymbols
{
    /// <summary>Infers the instrument of an instrument id without reference data.</summary>
    /// <param name="instId">The OKX instrument id, e.g. <c>XMR-USDT-SWAP</c>.</param>
    /// <returns>The instrument; tick and lot size zero, status unknown. An id of an unknown shape keeps its text as the canonical name.</returns>
    public static Instrument Infer(string instId)
    {
        var parts = instId.Split('-');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return new Instrument(Venues.Okx, instId, instId, InstrumentKind.Spot, instId, string.Empty, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
        }

        var baseAsset = CanonicalNames.Asset(parts[0]);
        var quoteAsset = CanonicalNames.Asset(parts[1]);
        var kind = InstrumentKind.Spot;
        var canonical = CanonicalNames.Spot(baseAsset, quoteAsset);
        DateTimeOffset? expiry = null;
        if (parts.Length == 3 && parts[2] == "SWAP")
        {
            kind = InstrumentKind.Perpetual;
            canonical = CanonicalNames.Perpetual(baseAsset, quoteAsset);
        }
        else if (parts.Length >= 3 && TryParseExpiry(parts[2], out var date))
        {
            expiry = date;
            kind = InstrumentKind.Future;
            canonical = CanonicalNames.Future(baseAsset, quoteAsset, date);
            if (parts.Length == 5 && parts[4] is "C" or "P")
            {
                kind = InstrumentKind.Option;
                canonical = OptionName(canonical, parts[3], parts[4]);
            }
        }
        else if (parts.Length > 2)
        {
            canonical = instId;
        }

        return new Instrument(Venues.Okx, instId, canonical, kind, baseAsset, quoteAsset, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown)
        {
            Expiry = expiry,
        };
    }

    /// <summary>Reads OKX's <c>yyMMdd</c> expiry code as the UTC date.</summary>
    /// <param name="text">E.g. <c>211231</c>.</param>
    /// <param name="date">The date at 00:00 UTC.</param>
    /// <returns>False when the text is not a date.</returns>
    public static bool TryParseExpiry(string text, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);

    /// <summary>The canonical option name: the future's name, strike and C/P (<see cref="InstrumentKind.Option"/>).</summary>
    /// <param name="futureName">E.g. <c>BTC-USD-20210924</c>.</param>
    /// <param name="strike">Strike text, e.g. <c>42000</c>.</param>
    /// <param name="type"><c>C</c> or <c>P</c>.</param>
    /// <returns>E.g. <c>BTC-USD-20210924-42000-P</c>.</returns>
    public static string OptionName(string futureName, string strike, string type) => $"{futureName}-{strike}-{type}";
}
