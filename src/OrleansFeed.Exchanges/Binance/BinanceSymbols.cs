using System.Globalization;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Maps Binance symbols to canonical instruments. With reference data (<c>exchangeInfo</c>: <c>baseAsset</c>,
/// <c>quoteAsset</c>, <c>contractType</c>, <c>deliveryDate</c>) the mapping is exact; offline it splits the
/// symbol at a known quote-asset suffix (longest first).
/// </summary>
/// <remarks>Spot <c>BTCUSDT</c> → <c>BTC-USDT</c>; USD-M perpetual <c>BTCUSDT</c> → <c>BTC-USDT-PERP</c>; USD-M dated
/// <c>BTCUSDT_211231</c> → <c>BTC-USDT-20211231</c>; COIN-M <c>BTCUSD_PERP</c> → <c>BTC-USD-PERP</c>,
/// <c>ETHUSD_210924</c> → <c>ETH-USD-20210924</c>.</remarks>
public static class BinanceSymbols
{
    // Longest first so "BTCUSDT" splits at USDT, not at USD... (USD-M symbols never end in plain USD).
    private static readonly string[] QuoteAssets =
    [
        "FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USDP", "BIDR", "BKRW", "IDRT", "UAH", "DAI", "BTC", "ETH", "BNB", "EUR", "GBP", "AUD",
        "BRL", "TRY", "RUB", "NGN", "ZAR", "JPY", "PAX", "XRP", "TRX", "DOGE", "DOT", "USD", "VAI", "UST",
    ];

    /// <summary>Infers the instrument of a symbol without reference data.</summary>
    /// <param name="market">The market (decides spot vs perpetual/future naming).</param>
    /// <param name="symbol">The native symbol, upper case.</param>
    /// <returns>The instrument; tick and lot size zero, status unknown.</returns>
    public static Instrument Infer(BinanceMarket market, string symbol)
    {
        var pair = symbol;
        string? contract = null;
        var underscore = symbol.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0)
        {
            pair = symbol[..underscore];
            contract = symbol[(underscore + 1)..];
        }

        var (baseAsset, quoteAsset) = Split(pair);
        var kind = InstrumentKind.Spot;
        DateTimeOffset? expiry = null;
        var canonical = $"{baseAsset}-{quoteAsset}";
        if (market.IsFutures())
        {
            if (contract is null || contract == "PERP")
            {
                kind = InstrumentKind.Perpetual;
                canonical += "-PERP";
            }
            else if (DateTimeOffset.TryParseExact(contract, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                kind = InstrumentKind.Future;
                expiry = date;
                canonical += "-" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            }
        }

        return new Instrument(market.VenueId(), symbol, canonical, kind, baseAsset, quoteAsset, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown)
        {
            Expiry = expiry,
        };
    }

    /// <summary>Splits a pair such as <c>BTCUSDT</c> into base and quote at a known quote suffix.</summary>
    /// <param name="pair">The pair text.</param>
    /// <returns>Base and quote; the whole text and an empty quote when no suffix matches.</returns>
    public static (string Base, string Quote) Split(string pair)
    {
        foreach (var quote in QuoteAssets.OrderByDescending(q => q.Length))
        {
            if (pair.Length > quote.Length && pair.EndsWith(quote, StringComparison.Ordinal))
            {
                return (pair[..^quote.Length], quote);
            }
        }

        return (pair, string.Empty);
    }
}
