using System.Globalization;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// Maps Bybit symbols (always paired with a category, §7 REST "Symbols") to canonical instruments offline. Linear
/// <c>BTCUSDT</c> → <c>BTC-USDT-PERP</c>, USDC perpetual <c>BTCPERP</c> → <c>BTC-USDC-PERP</c>, dated
/// <c>BTCUSDT-26DEC25</c> → <c>BTC-USDT-20251226</c> (USDC <c>BTC-26DEC25</c> → <c>BTC-USDC-20251226</c>); spot
/// <c>BTCUSDT</c> → <c>BTC-USDT</c>; inverse <c>BTCUSD</c> → <c>BTC-USD-PERP</c>, <c>BTCUSDZ25</c> → <c>BTC-USD-20251226</c>
/// (month code, expiring the last Friday of the month).
/// </summary>
public static class BybitSymbols
{
    // Longest first so BTCUSDT splits at USDT, not at USD.
    private static readonly string[] QuoteAssets =
    [
        "FDUSD", "USDT", "USDC", "USDE", "USDQ", "USDR", "BUSD", "EURI", "BTC", "ETH", "EUR", "DAI", "BRZ", "BRL", "TRY", "PLN", "MNT", "USD",
    ];

    private const string MonthCodes = "FGHJKMNQUVXZ";

    /// <summary>Infers the instrument of a symbol without reference data.</summary>
    /// <param name="category">The category (decides spot vs perpetual/future naming).</param>
    /// <param name="symbol">The native symbol, upper case.</param>
    /// <returns>The instrument; tick and lot size zero, status unknown.</returns>
    public static Instrument Infer(BybitCategory category, string symbol)
    {
        var kind = category == BybitCategory.Spot ? InstrumentKind.Spot : InstrumentKind.Perpetual;
        DateTimeOffset? expiry = null;
        var pair = symbol;
        var dash = symbol.IndexOf('-', StringComparison.Ordinal);
        if (category != BybitCategory.Spot && dash > 0
            && DateTimeOffset.TryParseExact(symbol[(dash + 1)..], "dMMMyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dated))
        {
            kind = InstrumentKind.Future;
            expiry = dated;
            pair = symbol[..dash];
        }
        else if (category == BybitCategory.Inverse && TryMonthCode(symbol, out var monthPair, out var monthExpiry))
        {
            kind = InstrumentKind.Future;
            expiry = monthExpiry;
            pair = monthPair;
        }

        var (baseAsset, quoteAsset) = Split(pair);
        if (quoteAsset.Length == 0 && category == BybitCategory.Linear)
        {
            // USDC contracts drop the quote: BTCPERP, BTC-26DEC25.
            baseAsset = pair.EndsWith("PERP", StringComparison.Ordinal) && pair.Length > 4 ? pair[..^4] : pair;
            quoteAsset = "USDC";
        }

        if (quoteAsset.Length == 0)
        {
            return new Instrument(category.VenueId(), symbol, symbol, kind, symbol, string.Empty, FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown);
        }

        var canonical = kind switch
        {
            InstrumentKind.Spot => CanonicalNames.Spot(baseAsset, quoteAsset),
            InstrumentKind.Future => CanonicalNames.Future(baseAsset, quoteAsset, expiry!.Value),
            _ => CanonicalNames.Perpetual(baseAsset, quoteAsset),
        };
        return new Instrument(
            category.VenueId(), symbol, canonical, kind, CanonicalNames.Asset(baseAsset), CanonicalNames.Asset(quoteAsset),
            FixedDecimal.Zero, FixedDecimal.Zero, InstrumentStatus.Unknown)
        {
            Expiry = expiry,
        };
    }

    /// <summary>Splits a pair such as <c>BTCUSDT</c> into base and quote at a known quote suffix.</summary>
    /// <param name="pair">The pair text.</param>
    /// <returns>Base and quote; the whole text and an empty quote when no suffix matches.</returns>
    public static (string Base, string Quote) Split(string pair)
    {
        foreach (var quote in QuoteAssets)
        {
            if (pair.Length > quote.Length && pair.EndsWith(quote, StringComparison.Ordinal))
            {
                return (pair[..^quote.Length], quote);
            }
        }

        return (pair, string.Empty);
    }

    /// <summary>Inverse quarterlies: <c>BTCUSDZ25</c> = pair, month code, two-digit year; they expire the month's last Friday.</summary>
    private static bool TryMonthCode(string symbol, out string pair, out DateTimeOffset expiry)
    {
        pair = symbol;
        expiry = default;
        if (symbol.Length < 6 || !char.IsAsciiDigit(symbol[^1]) || !char.IsAsciiDigit(symbol[^2]))
        {
            return false;
        }

        var month = MonthCodes.IndexOf(symbol[^3], StringComparison.Ordinal) + 1;
        if (month == 0 || !symbol[..^3].EndsWith("USD", StringComparison.Ordinal))
        {
            return false;
        }

        var year = 2000 + ((symbol[^2] - '0') * 10) + (symbol[^1] - '0');
        var day = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        while (day.DayOfWeek != DayOfWeek.Friday)
        {
            day = day.AddDays(-1);
        }

        pair = symbol[..^3];
        expiry = new DateTimeOffset(day);
        return true;
    }
}
