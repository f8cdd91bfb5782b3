using System.Diagnostics.Metrics;

namespace OrleansFeed.Bridge.Nats.Status;

/// <summary>
/// The bridge's counters (<see cref="NatsBridgeStatus"/>) as observable instruments on the meter
/// <see cref="MeterName"/> (<c>OrleansFeed.Bridge.Nats</c>): messages published, dropped (label <c>reason</c>:
/// <c>queue_full</c>, <c>disconnected</c>, <c>stream</c>), publish errors, requests served and failed, connects and
/// disconnects, the queue depth and whether NATS is connected. Names and units: docs/errors.md "Metrics".
/// </summary>
/// <remarks>No per-subject labels: the bridge publishes on one subject per book and kind. A DI singleton.</remarks>
public sealed class NatsBridgeMetrics
{
    /// <summary>The meter name: <c>OrleansFeed.Bridge.Nats</c>.</summary>
    public const string MeterName = "OrleansFeed.Bridge.Nats";

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory (owns and disposes the meter).</param>
    /// <param name="status">The bridge's counters.</param>
    public NatsBridgeMetrics(IMeterFactory meterFactory, NatsBridgeStatus status)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("orleansfeed.bridge.published", () => status.Snapshot().Published, "{message}", "Messages published to NATS.");
        meter.CreateObservableCounter("orleansfeed.bridge.dropped", () => Dropped(status.Snapshot()), "{message}", "Messages not published, by reason.");
        meter.CreateObservableCounter("orleansfeed.bridge.publish_errors", () => status.Snapshot().PublishErrors, "{message}", "Publishes that failed on an open connection.");
        meter.CreateObservableCounter("orleansfeed.bridge.requests", () => status.Snapshot().Requests, "{request}", "Requests answered (snapshot, ticker, trades).");
        meter.CreateObservableCounter("orleansfeed.bridge.request_errors", () => status.Snapshot().RequestErrors, "{request}", "Requests answered with an error or not answered.");
        meter.CreateObservableCounter("orleansfeed.bridge.connects", () => status.Snapshot().Connects, "{connect}", "Connections (and reconnections) to NATS.");
        meter.CreateObservableCounter("orleansfeed.bridge.disconnects", () => status.Snapshot().Disconnects, "{disconnect}", "Connections to NATS lost.");
        meter.CreateObservableUpDownCounter("orleansfeed.bridge.queue_depth", () => (long)status.Snapshot().QueueDepth, "{message}", "Messages waiting in the outbound queue.");
        meter.CreateObservableUpDownCounter("orleansfeed.bridge.connected", () => status.Snapshot().Connected ? 1L : 0L, "{connection}", "1 while the bridge is connected to NATS.");
    }

    private static IEnumerable<Measurement<long>> Dropped(NatsBridgeCounters c) =>
    [
        new(c.DroppedQueueFull, new KeyValuePair<string, object?>("reason", "queue_full")),
        new(c.DroppedDisconnected, new KeyValuePair<string, object?>("reason", "disconnected")),
        new(c.DroppedStream, new KeyValuePair<string, object?>("reason", "stream")),
    ];
}
