using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Binance;

/// <summary>
/// Reads Binance's instrument reference <c>exchangeInfo</c> (shared/docs/exchange-protocols.md §1, §2 "REST"): spot and
/// Binance.US <c>GET /api/v3/exchangeInfo</c>, USD-M <c>GET /fapi/v1/exchangeInfo</c>, COIN-M <c>GET /dapi/v1/exchangeInfo</c>.
/// Each <c>symbols[]</c> entry gives <c>symbol</c>, <c>baseAsset</c>, <c>quoteAsset</c>, <c>status</c> (COIN-M:
/// <c>contractStatus</c>), <c>filters[]</c> with <c>PRICE_FILTER.tickSize</c> and <c>LOT_SIZE.stepSize</c>, and on futures
/// <c>contractType</c> (<c>PERPETUAL</c>, <c>CURRENT_QUARTER</c>, <c>NEXT_QUARTER</c>, …) and <c>deliveryDate</c> (ms).
/// </summary>
/// <remarks>Runs once per refresh, not per frame, so it reads a <see cref="JsonDocument"/>.</remarks>
/// <seealso href="https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-endpoints#exchange-information"/>
/// <seealso href="https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information"/>
public static class BinanceInstrumentsParser
{
    /// <summary>Parses an <c>exchangeInfo</c> response of one market.</summary>
    /// <param name="market">The market the response came from (decides spot vs futures naming and the venue id).</param>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">
    /// The instruments: spot <c>BASE-QUOTE</c>; futures with <c>contractType</c> <c>PERPETUAL</c> → <c>BASE-QUOTE-PERP</c>,
    /// dated types → <c>BASE-QUOTE-yyyyMMdd</c> from <c>deliveryDate</c> (UTC) with <see cref="Instrument.Expiry"/> set.
    /// Tick size in quote currency, lot size in base units (contracts on COIN-M). Status: <c>TRADING</c> → Trading;
    /// <c>HALT</c>, <c>BREAK</c> and the other pre/post-trading states → Halted; futures <c>DELIVERED</c>, <c>SETTLING</c>,
    /// <c>CLOSE</c> → Closed. Entries without symbol or assets, and futures without a contract type (settled), are skipped.
    /// </param>
    /// <returns>False when the body is not JSON or has no <c>symbols</c> array (e.g. an error <c>{"code":-1121}</c>). Never throws.</returns>
    public static bool TryParse(BinanceMarket market, ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("symbols", out var symbols) || symbols.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<Instrument>(symbols.GetArrayLength());
            foreach (var item in symbols.EnumerateArray())
            {
                if (TryRead(market, item, out var instrument))
                {
                    list.Add(instrument);
                }
            }

            instruments = list;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryRead(BinanceMarket market, JsonElement item, out Instrument instrument)
    {
        instrument = null!;
        if (item.ValueKind != JsonValueKind.Object
            || Text(item, "symbol") is not { } symbol
            || Text(item, "baseAsset") is not { } baseAsset
            || Text(item, "quoteAsset") is not { } quoteAsset)
        {
            return false;
        }

        var kind = InstrumentKind.Spot;
        DateTimeOffset? expiry = null;
        var canonical = CanonicalNames.Spot(baseAsset, quoteAsset);
        if (market.IsFutures())
        {
            var contractType = Text(item, "contractType");
            if (contractType is null)
            {
                return false;
            }

            if (contractType.StartsWith("PERPETUAL", StringComparison.Ordinal))
            {
                kind = InstrumentKind.Perpetual;
                canonical = CanonicalNames.Perpetual(baseAsset, quoteAsset);
            }
            else if (item.TryGetProperty("deliveryDate", out var delivery) && delivery.TryGetInt64(out var ms) && ms > 0)
            {
                kind = InstrumentKind.Future;
                expiry = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                canonical = CanonicalNames.Future(baseAsset, quoteAsset, expiry.Value);
            }
            else
            {
                return false;
            }
        }

        var status = Text(item, "status") ?? Text(item, "contractStatus");
        instrument = new Instrument(
            market.VenueId(),
            symbol,
            canonical,
            kind,
            CanonicalNames.Asset(baseAsset),
            CanonicalNames.Asset(quoteAsset),
            Filter(item, "PRICE_FILTER", "tickSize"),
            Filter(item, "LOT_SIZE", "stepSize"),
            Status(status))
        {
            Expiry = expiry,
        };
        return true;
    }

    private static InstrumentStatus Status(string? status) => status switch
    {
        "TRADING" => InstrumentStatus.Trading,
        "HALT" or "BREAK" or "PRE_TRADING" or "POST_TRADING" or "END_OF_DAY" or "AUCTION_MATCH"
            or "PENDING_TRADING" or "PRE_DELIVERING" or "DELIVERING" or "PRE_SETTLE" => InstrumentStatus.Halted,
        "DELIVERED" or "SETTLING" or "CLOSE" => InstrumentStatus.Closed,
        _ => InstrumentStatus.Unknown,
    };

    private static FixedDecimal Filter(JsonElement item, string filterType, string field)
    {
        if (!item.TryGetProperty("filters", out var filters) || filters.ValueKind != JsonValueKind.Array)
        {
            return FixedDecimal.Zero;
        }

        foreach (var filter in filters.EnumerateArray())
        {
            if (filter.ValueKind == JsonValueKind.Object && Text(filter, "filterType") == filterType)
            {
                // Binance pads to 8 decimals ("0.01000000"); the value, not the text scale, is what matters here.
                return Text(filter, field) is { } text && FixedDecimal.TryParse(text.AsSpan(), out var value) && !value.IsNegative
                    ? value
                    : FixedDecimal.Zero;
            }
        }

        return FixedDecimal.Zero;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
