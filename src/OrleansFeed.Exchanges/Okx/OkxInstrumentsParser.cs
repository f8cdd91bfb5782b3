using System.Globalization;
using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>
/// Reads <c>GET /api/v5/public/instruments?instType=SPOT|SWAP|FUTURES|OPTION</c> (§6 REST):
/// <c>{"code":"0","data":[{"instType","instId","uly"?,"instFamily"?,"baseCcy","quoteCcy","tickSz","lotSz","state","expTime",…}]}</c>
/// into instruments with tick size (quote currency), lot size (base units for spot, contracts for derivatives) and status.
/// </summary>
/// <remarks>Runs once per reference refresh, not per frame, so it reads a DOM. Never throws for bad input.</remarks>
/// <seealso href="https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments"/>
public static class OkxInstrumentsParser
{
    /// <summary>Parses a response body.</summary>
    /// <param name="body">The UTF-8 JSON body.</param>
    /// <param name="instruments">The instruments read; entries lacking <c>instId</c> are skipped.</param>
    /// <returns>False when the body is not JSON, <c>code</c> is not <c>"0"</c>, or <c>data</c> is missing.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("code", out var code) && code.ToString() != "0")
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<Instrument>();
            foreach (var item in data.EnumerateArray())
            {
                if (TryRead(item, out var instrument))
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

    private static bool TryRead(JsonElement item, out Instrument instrument)
    {
        instrument = null!;
        var instId = Text(item, "instId");
        if (item.ValueKind != JsonValueKind.Object || instId.Length == 0)
        {
            return false;
        }

        var inferred = OkxSymbols.Infer(instId);
        var kind = Text(item, "instType") switch
        {
            "SWAP" => InstrumentKind.Perpetual,
            "FUTURES" => InstrumentKind.Future,
            "OPTION" => InstrumentKind.Option,
            "SPOT" or "MARGIN" => InstrumentKind.Spot,
            _ => inferred.Kind,
        };

        // Spot names its currencies; derivatives name the underlying (uly / instFamily, "BTC-USD").
        var baseAsset = Text(item, "baseCcy");
        var quoteAsset = Text(item, "quoteCcy");
        var underlying = Text(item, "uly") is { Length: > 0 } uly ? uly : Text(item, "instFamily");
        if ((baseAsset.Length == 0 || quoteAsset.Length == 0) && underlying.Split('-') is [var b, var q, ..] && b.Length > 0 && q.Length > 0)
        {
            baseAsset = b;
            quoteAsset = q;
        }

        baseAsset = baseAsset.Length > 0 ? CanonicalNames.Asset(baseAsset) : inferred.BaseAsset;
        quoteAsset = quoteAsset.Length > 0 ? CanonicalNames.Asset(quoteAsset) : inferred.QuoteAsset;
        var expiry = inferred.Expiry;
        if (long.TryParse(Text(item, "expTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var expMs) && expMs > 0)
        {
            expiry = DateTimeOffset.FromUnixTimeMilliseconds(expMs);
        }

        var canonical = kind switch
        {
            InstrumentKind.Perpetual => CanonicalNames.Perpetual(baseAsset, quoteAsset),
            InstrumentKind.Future when expiry is { } e => CanonicalNames.Future(baseAsset, quoteAsset, e),
            InstrumentKind.Option when expiry is { } e => OkxSymbols.OptionName(
                CanonicalNames.Future(baseAsset, quoteAsset, e), Text(item, "stk"), Text(item, "optType")),
            InstrumentKind.Spot when quoteAsset.Length > 0 => CanonicalNames.Spot(baseAsset, quoteAsset),
            _ => inferred.Canonical,
        };

        instrument = new Instrument(
            Venues.Okx,
            instId,
            canonical,
            kind,
            baseAsset,
            quoteAsset,
            Decimal(item, "tickSz"),
            Decimal(item, "lotSz"),
            Status(Text(item, "state")))
        {
            Expiry = kind is InstrumentKind.Future or InstrumentKind.Option ? expiry : null,
        };
        return true;
    }

    /// <summary><c>state</c>: <c>live</c> trades; <c>suspend</c>, <c>preopen</c> and <c>test</c> do not; <c>expired</c> is closed.</summary>
    private static InstrumentStatus Status(string state) => state switch
    {
        "live" => InstrumentStatus.Trading,
        "suspend" or "preopen" or "test" => InstrumentStatus.Halted,
        "expired" => InstrumentStatus.Closed,
        _ => InstrumentStatus.Unknown,
    };

    private static string Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;

    private static FixedDecimal Decimal(JsonElement item, string name) =>
        FixedDecimal.TryParse(Text(item, name).AsSpan(), out var value) ? value : FixedDecimal.Zero;
}
