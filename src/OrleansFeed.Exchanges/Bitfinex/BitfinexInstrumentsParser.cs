using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Bitfinex;

/// <summary>
/// Reads Bitfinex trading-pair reference data: <c>GET https://api-pub.bitfinex.com/v2/conf/pub:info:pair</c>,
/// <c>[[["BTCUSD",[null,null,null,"0.00006","2000.0",…]],…]]</c> (pair, then an info array whose index 3 is the minimum
/// and 4 the maximum order size). The names-only <c>/v2/conf/pub:list:pair:exchange</c> shape <c>[["BTCUSD",…]]</c> is
/// read too. Every listed pair is <see cref="InstrumentStatus.Trading"/> (delisted pairs are simply absent).
/// </summary>
/// <remarks>
/// Bitfinex prices have five significant digits rather than a fixed tick, so <see cref="Instrument.TickSize"/> is zero
/// (unknown); amounts have at most 8 decimals, so <see cref="Instrument.LotSize"/> is 0.00000001. Reference data is
/// read once at start with a <see cref="JsonDocument"/>; never throws for bad input.
/// </remarks>
/// <seealso href="https://docs.bitfinex.com/reference/rest-public-conf"/>
public static class BitfinexInstrumentsParser
{
    /// <summary>Amount precision: 8 decimals.</summary>
    public static readonly FixedDecimal LotSize = new(1, 8);

    /// <summary>Reads the body.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="instruments">Instruments keyed by native symbol <c>t</c> + pair.</param>
    /// <returns>False when the body is not one of the two shapes.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out IReadOnlyList<Instrument> instruments)
    {
        instruments = [];
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0 || root[0].ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var list = new List<Instrument>();
            foreach (var entry in root[0].EnumerateArray())
            {
                var pair = entry.ValueKind switch
                {
                    JsonValueKind.String => entry.GetString(),
                    JsonValueKind.Array when entry.GetArrayLength() > 0 && entry[0].ValueKind == JsonValueKind.String => entry[0].GetString(),
                    _ => null,
                };
                if (string.IsNullOrEmpty(pair))
                {
                    continue;
                }

                list.Add(BitfinexSymbols.Infer("t" + pair) with { LotSize = LotSize, Status = InstrumentStatus.Trading });
            }

            instruments = list;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
