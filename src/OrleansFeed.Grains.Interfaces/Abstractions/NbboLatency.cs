using Orleans;
namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// NBBO update latency percentiles since activation, in microseconds (log-linear histogram: a value is at most
/// ≈ 1.6 % above the true one). Two clocks: from the triggering event's receive time (our pipeline), and from its
/// exchange time (venue to us to NBBO, includes network and clock offset). The exchange figures are null when not
/// measured: under <c>Aggregation:Clock</c> <c>Trades</c> (replayed captures, whose exchange times are the recording's),
/// before the first update, or when the percentile is beyond the histogram's range (2^40 µs ≈ 12.7 days: a clock far off).
/// </summary>
/// <param name="Count">NBBO updates measured.</param>
/// <param name="ReceiveP50">Receive → publish p50, µs.</param>
/// <param name="ReceiveP99">Receive → publish p99, µs.</param>
/// <param name="ReceiveP999">Receive → publish p99.9, µs.</param>
/// <param name="ReceiveMax">Receive → publish maximum, µs.</param>
/// <param name="ExchangeP50">Exchange → publish p50, µs; null when not measured.</param>
/// <param name="ExchangeP99">Exchange → publish p99, µs; null when not measured.</param>
/// <param name="ExchangeP999">Exchange → publish p99.9, µs; null when not measured.</param>
/// <param name="ExchangeMax">Exchange → publish maximum, µs; null when not measured.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.NbboLatency")]
public sealed record NbboLatency(
    long Count,
    long ReceiveP50,
    long ReceiveP99,
    long ReceiveP999,
    long ReceiveMax,
    long? ExchangeP50,
    long? ExchangeP99,
    long? ExchangeP999,
    long? ExchangeMax);
