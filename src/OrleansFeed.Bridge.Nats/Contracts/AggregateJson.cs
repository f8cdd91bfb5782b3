using System.Text.Json;
using OrleansFeed.Api.Contracts.Aggregation;
using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Bridge.Nats.Contracts;

/// <summary>
/// Payloads of the aggregator's streams (NBBO, rolling 24 h stats, candles), keyed by aggregator key. Each body is
/// the REST body of the same value (<see cref="AggregationMapper"/>, serialized with the DTOs' own property names),
/// so a consumer parses NATS and REST with one model.
/// </summary>
internal static class AggregateJson
{
    // Default options: the DTOs name every property; nulls are written, as ASP.NET Core's minimal APIs do.
    private static readonly JsonSerializerOptions Options = new();

    /// <summary>The subject token of a candle interval: <c>1m</c>, <c>5m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.</summary>
    public static string IntervalToken(CandleInterval interval) => CandleIntervals.Name(interval);

    /// <summary>Every interval token, in enum order (index = <c>(int)interval</c>).</summary>
    public static IReadOnlyList<string> IntervalTokenList { get; } = [.. CandleIntervals.All.OrderBy(i => (int)i).Select(CandleIntervals.Name)];

    public static void WriteNbbo(Utf8JsonWriter w, AggregatedNbbo n) => JsonSerializer.Serialize(w, AggregationMapper.ToDto(n), Options);

    public static void WriteStats(Utf8JsonWriter w, AggregatedStats s) => JsonSerializer.Serialize(w, AggregationMapper.ToDto(s), Options);

    public static void WriteCandle(Utf8JsonWriter w, CandleUpdate u) => JsonSerializer.Serialize(w, AggregationMapper.ToDto(u.Instrument, u.Venue, u.Candle), Options);
}
