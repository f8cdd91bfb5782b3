using System.Globalization;
using System.Text;

namespace OrleansFeed.LoadHarness;

/// <summary>Formats run results as a Markdown table (the form docs/benchmarks.md quotes).</summary>
internal static class ResultTable
{
    /// <summary>One row per run, then each run's verification problems, if any.</summary>
    /// <param name="results">The runs, in order.</param>
    /// <returns>Markdown text.</returns>
    public static string Format(IReadOnlyList<LoadResult> results)
    {
        var text = new StringBuilder();
        Line(text, "| run | window | frames | frames/s | book updates/s | trades/s | NBBO/s | receive → delta observed p50 / p99 / p99.9 | receive → NBBO publish p50 / p99 / p99.9, busiest aggregator (worst aggregator p99.9) | alloc/frame | GC 0/1/2 | CPU (of all cores) | CPU/frame | verified |");
        Line(text, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            var cpuShare = r.CpuWindow > TimeSpan.Zero ? r.CpuTime / (r.CpuWindow * Environment.ProcessorCount) : 0;
            var perFrame = r.Frames > 0 ? r.AllocatedBytes / r.Frames : 0;
            // CPU per frame is the figure least moved by other processes on the machine (they lower the share instead).
            var cpuPerFrame = r.Frames > 0 ? r.CpuTime.TotalMicroseconds / r.Frames : 0;
            Line(text, $"| {r.Run} | {r.Window.TotalSeconds:F2} s | {r.Frames:N0} | {r.PerSecond(r.Frames):N0} | {r.PerSecond(r.BookUpdates):N0} | {r.PerSecond(r.Trades):N0} | {r.PerSecond(r.NbboUpdates):N0} " +
                $"| {Us(r.DeltaP50)} / {Us(r.DeltaP99)} / {Us(r.DeltaP999)} | {Us(r.NbboP50)} / {Us(r.NbboP99)} / {Us(r.NbboP999)} ({Us(r.WorstAggregatorP999)}) " +
                $"| {perFrame:N0} B | {r.Gen0}/{r.Gen1}/{r.Gen2} | {r.CpuTime.TotalSeconds:F2} s ({cpuShare:P0}) | {cpuPerFrame:F1} µs " +
                $"| {(r.Verified ? "yes" : "NO")}: {r.BooksSynced}/{r.Books} synced{(r.BooksUnverifiable > 0 ? $" + {r.BooksUnverifiable} unverifiable (no proof in feed)" : "")}, {r.BookGaps} book gaps, {r.SequenceGaps} stream gaps |");
        }

        foreach (var r in results)
        {
            Line(text, string.Empty);
            Line(text, $"run {r.Run}: {r.BookDeltas:N0} book deltas ({r.BookUpdates:N0} updates), {r.Trades:N0} trades, {r.NbboUpdates:N0} NBBO updates observed " +
                $"({r.AggregatorNbboCount:N0} event-driven, measured by the aggregators; busiest {r.BusiestAggregator}, worst p99.9 {r.WorstAggregator}), {r.RejectedFrames:N0} rejected frames, {r.AllocatedBytes / 1_048_576.0:N1} MiB allocated.");
            Line(text, $"run {r.Run}: receive → delta published by the book (its own histogram, {r.Published.Count:N0} updates) p50 / p99 / p99.9: {Us(r.Published.P50)} / {Us(r.Published.P99)} / {Us(r.Published.P999)}; the rest of \"observed\" is the consumer's queue and thread.");
            var idleSeconds = r.Idle.Elapsed.TotalSeconds;
            if (idleSeconds > 0)
            {
                Line(text, $"run {r.Run} idle (connected, nothing played, {idleSeconds:F1} s): CPU {r.Idle.Cpu.TotalSeconds / idleSeconds / Environment.ProcessorCount:P0} of all cores, " +
                    $"{r.Idle.Allocated / idleSeconds / 1_048_576.0:N1} MiB/s allocated, GC {r.Idle.Gen0}/{r.Idle.Gen1}/{r.Idle.Gen2}.");
            }

            foreach (var problem in r.Problems)
            {
                Line(text, $"- not verified: {problem}");
            }
        }

        return text.ToString();
    }

    private static string Us(long microseconds) => microseconds >= 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1000.0:F1} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{microseconds} µs");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
