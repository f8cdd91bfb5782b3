using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// Reads KuCoin's instrument reference <c>GET /api/v2/symbols</c>: <c>{"code":"200000","data":[{"symbol":"BTC-USDT",
/// "baseCurrency":"BTC","quoteCurrency":"USDT","priceIncrement":"0.1","baseIncrement":"0.00000001","enableTrading":true,…}]}</c>
/// (shared/docs/exchange-protocols.md §3 "REST": <c>priceIncrement</c> is the tick size, <c>baseIncrement</c> the lot step,
/// <c>enableTrading</c> the status flag).
/// </summary>
/// <remarks>Runs once per refresh, not per frame, so it reads a <see cref="JsonDocument"/>.</remarks>
public static class KuCoinInstrumentsParser
{
    /// <summary>Parses the response.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">Spot instruments: canonical <c>BASE-QUOTE</c> from <c>baseCurrency</c>/<c>quoteCurrency</c>,
    /// tick size in quote currency, lot size in base units, <see cref="InstrumentStatus.Trading"/> when <c>enableTrading</c>
    /// is true, else <see cref="InstrumentStatus.Halted"/>. Entries without symbol or currencies are skipped; an unreadable
    /// increment is zero (unknown).</param>
    /// <returns>False when the body is not JSON, <c>code</c> is not <c>200000</c> or <c>data</c> is not an array. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() != "200000")
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<Instrument>(data.GetArrayLength());
            foreach (var item in data.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || Text(item, "symbol") is not { Length: > 0 } symbol
                    || Text(item, "baseCurrency") is not { Length: > 0 } baseCurrency
                    || Text(item, "quoteCurrency") is not { Length: > 0 } quoteCurrency)
                {
                    continue;
                }

                var trading = item.TryGetProperty("enableTrading", out var enable) && enable.ValueKind == JsonValueKind.True;
                list.Add(new Instrument(
                    Venues.KuCoin,
                    symbol,
                    CanonicalNames.Spot(baseCurrency, quoteCurrency),
                    InstrumentKind.Spot,
                    CanonicalNames.Asset(baseCurrency),
                    CanonicalNames.Asset(quoteCurrency),
                    Decimal(item, "priceIncrement"),
                    Decimal(item, "baseIncrement"),
                    trading ? InstrumentStatus.Trading : InstrumentStatus.Halted));
            }

            instruments = list;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static FixedDecimal Decimal(JsonElement item, string name) =>
        Text(item, name) is { } text && FixedDecimal.TryParse(text.AsSpan(), out var value) && !value.IsNegative ? value : FixedDecimal.Zero;
}
