using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>
/// Reads REST <c>GET https://api.kraken.com/0/public/AssetPairs</c> (shared/docs/exchange-protocols.md §4 "Symbols"):
/// <c>{"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","pair_decimals":1,"lot_decimals":8,
/// "tick_size":"0.1","ordermin":"0.0001","status":"online",…},…}}</c> into instruments named by <c>wsname</c>.
/// </summary>
/// <remarks>
/// Tick size is <c>tick_size</c> when present, else 10^-<c>pair_decimals</c>; lot size is 10^-<c>lot_decimals</c>
/// (Kraken's quantity precision; <c>ordermin</c> is a minimum order, not an increment, and has no field here).
/// Status: <c>online</c>, <c>post_only</c>, <c>limit_only</c>, <c>reduce_only</c> → trading (the book is live);
/// <c>cancel_only</c> → cancel-only; <c>maintenance</c> → halted; <c>delisted</c> → closed; anything else unknown.
/// Pairs without a <c>wsname</c> (no WebSocket market) are skipped. Startup path: uses a DOM. Never throws for bad input.
/// </remarks>
public static class KrakenInstrumentsParser
{
    /// <summary>Parses an AssetPairs body.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">The instruments, by <c>wsname</c>; empty on failure.</param>
    /// <returns>False when the body is not JSON, carries a non-empty <c>error</c>, or has no <c>result</c> object.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Array && error.GetArrayLength() > 0)
                || !root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var list = new List<Instrument>();
            foreach (var pair in result.EnumerateObject())
            {
                if (TryRead(pair.Value, out var instrument))
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

    private static bool TryRead(JsonElement pair, out Instrument instrument)
    {
        instrument = null!;
        if (pair.ValueKind != JsonValueKind.Object || !pair.TryGetProperty("wsname", out var wsname) || wsname.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var inferred = KrakenSymbols.Infer(wsname.GetString()!);
        if (inferred.QuoteAsset.Length == 0)
        {
            return false;
        }

        var tick = Text(pair, "tick_size") is { } tickText && FixedDecimal.TryParse(tickText, out var t) && t.Mantissa > 0
            ? t
            : Increment(pair, "pair_decimals");
        instrument = inferred with
        {
            TickSize = tick,
            LotSize = Increment(pair, "lot_decimals"),
            Status = Status(Text(pair, "status")),
        };
        return true;
    }

    private static string? Text(JsonElement pair, string name) =>
        pair.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static FixedDecimal Increment(JsonElement pair, string decimalsName) =>
        pair.TryGetProperty(decimalsName, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var decimals) && decimals is >= 0 and <= FixedDecimal.MaxScale
            ? new FixedDecimal(1, decimals)
            : FixedDecimal.Zero;

    private static InstrumentStatus Status(string? status) => status?.ToLower(CultureInfo.InvariantCulture) switch
    {
        "online" or "post_only" or "limit_only" or "reduce_only" => InstrumentStatus.Trading,
        "cancel_only" => InstrumentStatus.CancelOnly,
        "maintenance" => InstrumentStatus.Halted,
        "delisted" => InstrumentStatus.Closed,
        _ => InstrumentStatus.Unknown,
    };
}
