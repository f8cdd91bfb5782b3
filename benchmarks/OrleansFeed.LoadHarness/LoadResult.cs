namespace OrleansFeed.LoadHarness;

/// <summary>
/// The figures of one run. The window is playback resume → last event observed (book delta, trade or NBBO), so
/// simulator loading, silo start and connection set-up are excluded; REST snapshot fetches inside playback are included.
/// </summary>
/// <param name="Run">Run number, from 1.</param>
/// <param name="Window">Measured wall time.</param>
/// <param name="Frames">WebSocket frames the connectors received (sum of <c>ConnectorStatus.Frames</c> deltas).</param>
/// <param name="RejectedFrames">Frames the parsers rejected (per-frame problems are counted, not thrown).</param>
/// <param name="BookUpdates">Book deltas of kind Update observed on <c>book-deltas</c>.</param>
/// <param name="BookDeltas">Book deltas of every kind (updates, rebuilds, stale marks).</param>
/// <param name="Trades">Trades observed on <c>trades</c>.</param>
/// <param name="NbboUpdates">NBBO updates observed on <c>nbbo</c> (event-driven plus republishes when a venue turns stale or fresh).</param>
/// <param name="AggregatorNbboCount">Event-driven NBBO updates measured by the aggregators (<c>GetLatencyAsync().Count</c> summed).</param>
/// <param name="BusiestAggregator">The aggregator key with the most measured NBBO updates; its percentiles are reported.</param>
/// <param name="DeltaP50">Receive → book delta observed, p50, µs.</param>
/// <param name="DeltaP99">Receive → book delta observed, p99, µs.</param>
/// <param name="DeltaP999">Receive → book delta observed, p99.9, µs.</param>
/// <param name="NbboP50">Receive → NBBO publish, p50, µs, of the busiest aggregator (<c>GetLatencyAsync</c>; histograms of different aggregators cannot be merged).</param>
/// <param name="NbboP99">Receive → NBBO publish, p99, µs, of the busiest aggregator.</param>
/// <param name="NbboP999">Receive → NBBO publish, p99.9, µs, of the busiest aggregator.</param>
/// <param name="WorstAggregatorP999">Largest receive → publish p99.9 reported by any one aggregator's <c>GetLatencyAsync</c>, µs (the aggregator's own histogram).</param>
/// <param name="WorstAggregator">The aggregator key with that p99.9.</param>
/// <param name="AllocatedBytes">Bytes allocated in the process over <paramref name="CpuWindow"/> (silo, simulator and harness together).</param>
/// <param name="Gen0">Gen 0 collections over <paramref name="CpuWindow"/>.</param>
/// <param name="Gen1">Gen 1 collections over <paramref name="CpuWindow"/>.</param>
/// <param name="Gen2">Gen 2 collections over <paramref name="CpuWindow"/>.</param>
/// <param name="CpuTime">Process CPU time (user + kernel, every thread: silo, simulator and harness) from resume to <paramref name="CpuWindow"/>.</param>
/// <param name="CpuWindow">Resume → the last drain poll that still saw activity (allocation, GC and CPU are sampled over it; ≤ 100 ms after <paramref name="Window"/>).</param>
/// <param name="Books">Books configured.</param>
/// <param name="BooksSynced">Books in state <c>synced</c> at the end.</param>
/// <param name="BooksUnverifiable">Books in state <c>unverifiable</c> at the end: their feed carries no sequence and no checksum (docs/errors.md#book-states).</param>
/// <param name="BookGaps">Sum of the books' own gap counters (venue sequence gaps detected by the sync).</param>
/// <param name="SequenceGaps">Jumps in the <c>book-deltas</c> sequences seen by the observer (lost deltas).</param>
/// <param name="Problems">Books not synced or with gaps, as <c>venue:symbol (state, gaps)</c>; empty when verified.</param>
/// <param name="Published">Receive → delta published by the book (its own histogram): p50, p99, p99.9 in µs and the count measured.</param>
/// <param name="Idle">Cost of 2 s with every venue connected and subscribed but playback paused (a difference of samples: <see cref="ProcessSample.Elapsed"/> is the interval).</param>
internal sealed record LoadResult(
    int Run,
    TimeSpan Window,
    long Frames,
    long RejectedFrames,
    long BookUpdates,
    long BookDeltas,
    long Trades,
    long NbboUpdates,
    long AggregatorNbboCount,
    string BusiestAggregator,
    long DeltaP50,
    long DeltaP99,
    long DeltaP999,
    long NbboP50,
    long NbboP99,
    long NbboP999,
    long WorstAggregatorP999,
    string WorstAggregator,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    TimeSpan CpuTime,
    TimeSpan CpuWindow,
    int Books,
    int BooksSynced,
    int BooksUnverifiable,
    long BookGaps,
    long SequenceGaps,
    IReadOnlyList<string> Problems,
    (long P50, long P99, long P999, long Count) Published,
    ProcessSample Idle)
{
    /// <summary>True when every book is synced (or unverifiable, where its feed carries no proof) and neither the books nor the observer saw a gap.</summary>
    public bool Verified => BooksSynced + BooksUnverifiable == Books && BookGaps == 0 && SequenceGaps == 0;

    /// <summary>A count per second of the window.</summary>
    /// <param name="count">The count.</param>
    /// <returns>Events per second; 0 for an empty window.</returns>
    public long PerSecond(long count) => Window > TimeSpan.Zero ? (long)(count / Window.TotalSeconds) : 0;
}
