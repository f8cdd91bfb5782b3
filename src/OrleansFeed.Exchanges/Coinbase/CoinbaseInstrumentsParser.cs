using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Coinbase;

/// <summary>
/// Reads Coinbase product reference data into instruments. Exchange feed: <c>GET https://api.exchange.coinbase.com/products</c>,
/// a JSON array of <c>{"id","base_currency","quote_currency","quote_increment","base_increment","status","trading_disabled","cancel_only",…}</c>
/// (tick = <c>quote_increment</c>). Advanced Trade: <c>GET https://api.coinbase.com/api/v3/brokerage/market/products</c>,
/// <c>{"products":[{"product_id","base_currency_id","quote_currency_id","price_increment","base_increment","status","trading_disabled","cancel_only","product_type",…}]}</c>
/// (tick = <c>price_increment</c>, §5 "REST" [unconfirmed paths]); non-<c>SPOT</c> products are skipped.
/// </summary>
/// <remarks>Reference data is read once at start, so a <see cref="JsonDocument"/> is used; never throws for bad input.
/// Status: <c>trading_disabled</c> → Halted, <c>cancel_only</c> → CancelOnly, <c>online</c> → Trading,
/// <c>delisted</c> → Closed, <c>offline</c>/<c>internal</c> → Halted, anything else → Unknown.</remarks>
public static class CoinbaseInstrumentsParser
{
    /// <summary>Reads a <c>/products</c> body of either feed.</summary>
    /// <param name="venue">The venue id the instruments belong to.</param>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">The instruments read (entries without an id or increments are skipped).</param>
    /// <returns>False when the body is not JSON of either shape.</returns>
    public static bool TryParse(string venue, ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            JsonElement products;
            if (root.ValueKind == JsonValueKind.Array)
            {
                products = root;
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("products", out products) && products.ValueKind == JsonValueKind.Array)
            {
            }
            else
            {
                return false;
            }

            var list = new List<Instrument>();
            foreach (var product in products.EnumerateArray())
            {
                if (TryRead(venue, product, out var instrument))
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

    private static bool TryRead(string venue, JsonElement product, out Instrument instrument)
    {
        instrument = null!;
        if (product.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var id = Text(product, "product_id") ?? Text(product, "id");
        var type = Text(product, "product_type");
        if (id is null || (type is not null && !type.Equals("SPOT", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var tick = Decimal(product, "price_increment") ?? Decimal(product, "quote_increment");
        var lot = Decimal(product, "base_increment");
        var inferred = CoinbaseSymbols.Infer(venue, id);
        var baseAsset = Text(product, "base_currency") ?? Text(product, "base_currency_id");
        var quoteAsset = Text(product, "quote_currency") ?? Text(product, "quote_currency_id");
        if (!string.IsNullOrWhiteSpace(baseAsset) && !string.IsNullOrWhiteSpace(quoteAsset))
        {
            inferred = inferred with
            {
                BaseAsset = CanonicalNames.Asset(baseAsset),
                QuoteAsset = CanonicalNames.Asset(quoteAsset),
                Canonical = CanonicalNames.Spot(baseAsset, quoteAsset),
            };
        }

        instrument = inferred with { TickSize = tick ?? FixedDecimal.Zero, LotSize = lot ?? FixedDecimal.Zero, Status = Status(product) };
        return true;
    }

    private static InstrumentStatus Status(JsonElement product)
    {
        if (Flag(product, "trading_disabled"))
        {
            return InstrumentStatus.Halted;
        }

        if (Flag(product, "cancel_only"))
        {
            return InstrumentStatus.CancelOnly;
        }

        return Text(product, "status")?.ToUpperInvariant() switch
        {
            "ONLINE" => InstrumentStatus.Trading,
            "DELISTED" => InstrumentStatus.Closed,
            "OFFLINE" or "INTERNAL" => InstrumentStatus.Halted,
            _ => InstrumentStatus.Unknown,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static FixedDecimal? Decimal(JsonElement element, string name) =>
        Text(element, name) is { } text && FixedDecimal.TryParse(text.AsSpan(), out var value) && value.Mantissa > 0 ? value : null;
}
