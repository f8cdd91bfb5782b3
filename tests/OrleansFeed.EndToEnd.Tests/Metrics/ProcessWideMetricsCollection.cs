namespace OrleansFeed.EndToEnd.Tests.Metrics;

/// <summary>
/// Tests that read a silo's <c>/metrics</c> run alone: OpenTelemetry's meter listener subscribes to every meter of a
/// name in the process, so silos of tests running in parallel (same meter names, same venue labels) would add their
/// WebSocket connections and venue counters to this silo's scrape (seen in CI: two open connections where the test
/// opened one).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetricsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process-wide metrics";
}
