using Orleans;
using OrleansFeed.Core.Aggregation.Candles;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>Candles of one interval of an instrument, consolidated or of one venue.</summary>
/// <param name="Instrument">The aggregator key.</param>
/// <param name="Venue">Venue id; null for consolidated candles.</param>
/// <param name="Interval">The interval.</param>
/// <param name="Candles">Oldest first; the last may be open (<see cref="Candle.IsClosed"/> false).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.CandleSeries")]
public sealed record CandleSeries(string Instrument, string? Venue, CandleInterval Interval, IReadOnlyList<Candle> Candles);

/// <summary>A candle change, published on <see cref="StreamNamespaces.Candles"/>: a closed, amended or (at most once
/// per aggregator tick, when trades arrived) open candle.</summary>
/// <param name="Instrument">The aggregator key.</param>
/// <param name="Venue">Venue id; null for consolidated candles.</param>
/// <param name="Candle">The candle; <see cref="Candle.IsAmended"/> marks a late-trade amendment of a closed candle.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.CandleUpdate")]
public sealed record CandleUpdate(string Instrument, string? Venue, Candle Candle);
