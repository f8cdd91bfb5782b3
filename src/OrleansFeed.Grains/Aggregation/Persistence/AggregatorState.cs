namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// The aggregator's head record in grain storage (state name <c>aggregates</c>): a compact blob with what changes on
/// every trade (trade watermark, each series' window start and sequences, open candles) and the names of the
/// segments holding the 24 h trade buckets and closed candles. Segments are separate records of the same grain
/// (state names listed here), each written only when its part changed: a save costs what changed, not the whole
/// state, on any storage provider. Books are not stored: they are reloaded from the book grains. See
/// docs/aggregation.md ("State and restarts").
/// </summary>
/// <param name="Version">Format version; a state of another version is ignored (the aggregates rebuild from new trades).</param>
/// <param name="Head">The head blob (<see cref="AggregatorStateStore"/>'s compact binary encoding).</param>
/// <param name="Segments">State names of the segments the head refers to.</param>
public sealed record AggregatorState(int Version, byte[] Head, IReadOnlyList<string> Segments)
{
    /// <summary>The format this build writes: 2, the segmented compact state (1 was the whole state as JSON).</summary>
    public const int CurrentVersion = 2;
}

/// <summary>One segment record of an aggregator's state (state name <c>aggregates/{series}/{part}/{chunk}</c>, see <see cref="AggregatorState"/>).</summary>
/// <param name="Data">The segment blob: trade buckets or closed candles in the compact binary encoding.</param>
public sealed record AggregatorStateSegment(byte[] Data);
