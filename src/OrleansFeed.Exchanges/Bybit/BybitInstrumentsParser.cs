using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// Reads <c>GET /v5/market/instruments-info?category=…</c> (§7 REST):
/// <c>{"retCode":0,"result":{"category","list":[{"symbol","contractType"?,"status","baseCoin","quoteCoin","deliveryTime"?,
/// "priceFilter":{"tickSize"},"lotSizeFilter":{"qtyStep"|"basePrecision"}}]}}</c> into instruments with tick size (quote
/// currency), lot size (base units; <c>basePrecision</c> on spot) and status.
/// </summary>
/// <remarks>Runs once per reference refresh, not per frame, so it reads a DOM. Never throws for bad input. Linear has
/// more than 500 symbols: the caller follows <c>nextPageCursor</c>.</remarks>
/// <seealso href="https://bybit-exchange.github.io/docs/v5/market/instrument"/>
public static class BybitInstrumentsParser
{
    /// <summary>Parses a response body.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="instruments">The instruments read; entries without a symbol are skipped.</param>
    /// <returns>False when the body is not JSON, <c>retCode</c> is not 0, or the category is not spot/linear/inverse.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("retCode", out var code) && code.ToString() != "0")
                || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object
                || !BybitCategoryInfo.TryFromWireName(Text(result, "category"), out var category)
                || !result.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var parsed = new List<Instrument>();
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "symbol") is { Length: > 0 } symbol)
                {
                    parsed.Add(Read(category, symbol, item));
                }
            }

            instruments = parsed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Instrument Read(BybitCategory category, string symbol, JsonElement item)
    {
        var inferred = BybitSymbols.Infer(category, symbol);
        var kind = Text(item, "contractType") switch
        {
            "LinearPerpetual" or "InversePerpetual" => InstrumentKind.Perpetual,
            "LinearFutures" or "InverseFutures" => InstrumentKind.Future,
            _ => category == BybitCategory.Spot ? InstrumentKind.Spot : inferred.Kind,
        };
        var baseAsset = Text(item, "baseCoin") is { Length: > 0 } b ? CanonicalNames.Asset(b) : inferred.BaseAsset;
        var quoteAsset = Text(item, "quoteCoin") is { Length: > 0 } q ? CanonicalNames.Asset(q) : inferred.QuoteAsset;
        var expiry = inferred.Expiry;
        if (long.TryParse(Text(item, "deliveryTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var deliveryMs) && deliveryMs > 0)
        {
            expiry = DateTimeOffset.FromUnixTimeMilliseconds(deliveryMs);
        }

        var canonical = kind switch
        {
            InstrumentKind.Spot => CanonicalNames.Spot(baseAsset, quoteAsset),
            InstrumentKind.Future when expiry is { } e => CanonicalNames.Future(baseAsset, quoteAsset, e),
            InstrumentKind.Perpetual => CanonicalNames.Perpetual(baseAsset, quoteAsset),
            _ => inferred.Canonical,
        };
        var lot = Nested(item, "lotSizeFilter", "qtyStep");
        return new Instrument(
            category.VenueId(), symbol, canonical, kind, baseAsset, quoteAsset,
            Nested(item, "priceFilter", "tickSize"),
            lot.IsZero ? Nested(item, "lotSizeFilter", "basePrecision") : lot,
            Status(Text(item, "status")))
        {
            Expiry = kind == InstrumentKind.Future ? expiry : null,
        };
    }

    /// <summary><c>Trading</c> trades; <c>PreLaunch</c> and <c>Settling</c> do not; <c>Delivering</c> accepts closes only; <c>Closed</c> is gone.</summary>
    private static InstrumentStatus Status(string status) => status switch
    {
        "Trading" => InstrumentStatus.Trading,
        "PreLaunch" or "Settling" => InstrumentStatus.Halted,
        "Delivering" => InstrumentStatus.CancelOnly,
        "Closed" => InstrumentStatus.Closed,
        _ => InstrumentStatus.Unknown,
    };

    private static FixedDecimal Nested(JsonElement item, string filter, string name) =>
        item.TryGetProperty(filter, out var inner) && FixedDecimal.TryParse(Text(inner, name).AsSpan(), out var value) ? value : FixedDecimal.Zero;

    private static string Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;
}
