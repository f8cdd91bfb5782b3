using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// Maps Bitfinex trading symbols to canonical instruments. A symbol is <c>t</c> + pair; the pair is two 3-letter
/// codes (<c>tBTCUSD</c>) or, for longer codes, <c>BASE:QUOTE</c> (<c>tETH2X:ETH</c>). Bitfinex's own short codes are
/// folded to the common ones (<c>UST</c> → <c>USDT</c>, <c>UDC</c> → <c>USDC</c>, <c>DSH</c> → <c>DASH</c>, …), and
/// derivatives <c>tBTCF0:USTF0</c> are perpetuals.
/// </summary>
/// <remarks>Examples: <c>tBTCUSD</c> → <c>BTC-USD</c>; <c>tCHZUST</c> → <c>CHZ-USDT</c>; <c>tETH2X:ETH</c> →
/// <c>ETH2X-ETH</c>; <c>tBTCF0:USTF0</c> → <c>BTC-USDT-PERP</c>.</remarks>
public static class BitfinexSymbols
{
    // Bitfinex's 3-letter codes for assets known elsewhere by another code (Bitfinex currency list, pub:map:currency:sym).
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UST"] = "USDT",
        ["UDC"] = "USDC",
        ["TSD"] = "TUSD",
        ["EUT"] = "EURT",
        ["DSH"] = "DASH",
        ["IOT"] = "IOTA",
        ["QTM"] = "QTUM",
        ["DAT"] = "DATA",
        ["MNA"] = "MANA",
        ["STJ"] = "STORJ",
        ["YYW"] = "YOYOW",
        ["ALG"] = "ALGO",
        ["ATO"] = "ATOM",
        ["AMP"] = "AMPL",
        ["QSH"] = "QASH",
        ["XCH"] = "XCHF",
    };

    /// <summary>Infers the instrument of a symbol without reference data.</summary>
    /// <param name="symbol">Native symbol, e.g. <c>tBTCUSD</c> (a pair without the <c>t</c> is accepted too).</param>
    /// <returns>The instrument; tick and lot size zero, status unknown. An unsplittable pair keeps the whole text as base.</returns>
    public static Instrument Infer(string symbol)
    {
        var (baseCode, quoteCode) = Split(symbol);
        var kind = InstrumentKind.Spot;
        if (baseCode.EndsWith("F0", StringComparison.Ordinal) && quoteCode.EndsWith("F0", StringComparison.Ordinal))
        {
            kind = InstrumentKind.Perpetual;
            baseCode = baseCode[..^2];
            quoteCode = quoteCode[..^2];
        }

        var baseAsset = Asset(baseCode);
        var quoteAsset = quoteCode.Length == 0 ? string.Empty : Asset(quoteCode);
        var canonical = quoteAsset.Length == 0
            ? baseAsset
            : kind == InstrumentKind.Perpetual ? CanonicalNames.Perpetual(baseAsset, quoteAsset) : CanonicalNames.Spot(baseAsset, quoteAsset);
        return new Instrument(Core.Instruments.Venues.Bitfinex, symbol, canonical, kind, baseAsset, quoteAsset, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
    }

    /// <summary>Splits a symbol or pair into its two Bitfinex codes.</summary>
    /// <param name="symbol"><c>tBTCUSD</c>, <c>BTCUSD</c>, <c>tETH2X:ETH</c>.</param>
    /// <returns>Base and quote codes as Bitfinex spells them; the whole pair and an empty quote when it cannot be split.</returns>
    public static (string Base, string Quote) Split(string symbol)
    {
        var pair = symbol.Length > 1 && symbol[0] == 't' && char.IsUpper(symbol[1]) ? symbol[1..] : symbol;
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < pair.Length - 1)
        {
            return (pair[..colon], pair[(colon + 1)..]);
        }

        return pair.Length == 6 ? (pair[..3], pair[3..]) : (pair, string.Empty);
    }

    /// <summary>The canonical code of a Bitfinex asset code (aliases folded).</summary>
    /// <param name="code">E.g. <c>UST</c>.</param>
    /// <returns>E.g. <c>USDT</c>.</returns>
    public static string Asset(string code) => CanonicalNames.Asset(Aliases.TryGetValue(code, out var alias) ? alias : code);
}
