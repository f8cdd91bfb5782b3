using Orleans;
namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// NBBO update latency percentiles since activation, in microseconds (log-linear histogram: a value is at most
/// ≈ 1.6 % above the true one). Two clocks: from the triggering event's receive time (our pipeline), and from its
/// exchange time (venue to us to NBBO, includes network and clock offset).
/// </summary>
/// <param name="Count">NBBO updates measured.</param>
/// <param name="ReceiveP50">Receive → publish p50, µs.</param>
/// <param name="ReceiveP99">Receive → publish p99, µs.</param>
/// <param name="ReceiveP999">Receive → publish p99.9, µs.</param>
/// <param name="ReceiveMax">Receive → publish maximum, µs.</param>
/// <param name="ExchangeP50">Exchange → publish p50, µs.</param>
/// <param name="ExchangeP99">Exchange → publish p99, µs.</param>
/// <param name="ExchangeP999">Exchange → publish p99.9, µs.</param>
/// <param name="ExchangeMax">Exchange → publish maximum, µs.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.NbboLatency")]
public sealed record NbboLatency(
    long Count,
    long ReceiveP50,
    long ReceiveP99,
    long ReceiveP999,
    long ReceiveMax,
    long ExchangeP50,
    long ExchangeP99,
    long ExchangeP999,
    long ExchangeMax);
