using System.Globalization;
using System.Text;

namespace OrleansFeed.LoadHarness;

/// <summary>Formats soak samples as a Markdown table (quoted in docs/benchmarks.md) and fits the RSS slope.</summary>
internal static class SoakTable
{
    /// <summary>The table's header lines.</summary>
    public const string Header =
        "| min | RSS | GC heap | LOH | gen2 | CPU | REST n | REST p50 / p99 / max | REST errors | WS sampled | WS p50 / p99 | clients | reconnects | frames | state saved | loops | load avg |\n" +
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    /// <summary>One sample as a table row.</summary>
    public static string Row(SoakSample s) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {s.Minute} | {Mb(s.RssBytes)} | {Mb(s.HeapBytes)} | {Mb(s.LohBytes)} | {s.Gen2} | {s.CpuShare:P0} | {s.RestCount} | {Ms(s.RestP50)} / {Ms(s.RestP99)} / {Ms(s.RestMax)} | {s.RestErrors} " +
        $"| {s.WsCount} | {Ms(s.WsP50)} / {Ms(s.WsP99)} | {s.WsClients} | {s.Reconnects} | {s.Frames:N0} | {s.StateRecords} rec, {s.StateBytes / 1024.0:F0} KB | {s.Loops} | {s.LoadAverage} |");

    /// <summary>The RSS, GC heap and LOH slopes (least squares, MB/min) over the last <paramref name="minutes"/> samples, and the worst minute's REST p99.</summary>
    public static string Summary(IReadOnlyList<SoakSample> samples, int minutes)
    {
        var tail = samples.Skip(Math.Max(0, samples.Count - minutes)).ToList();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"slope over the last {tail.Count} minute(s): RSS {Slope(tail, s => s.RssBytes):F2} MB/min, GC heap {Slope(tail, s => s.HeapBytes):F2} MB/min, LOH {Slope(tail, s => s.LohBytes):F2} MB/min; ");
        text.Append(CultureInfo.InvariantCulture, $"worst REST p99 {Ms(samples.Max(s => s.RestP99))}, worst WS p99 {Ms(samples.Max(s => s.WsP99))}, {samples.Sum(s => s.RestErrors)} REST error(s).");
        return text.ToString();
    }

    private static double Slope(IReadOnlyList<SoakSample> samples, Func<SoakSample, long> bytes)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var (n, mx, my) = (samples.Count, samples.Average(s => (double)s.Minute), samples.Average(s => bytes(s) / 1_048_576.0));
        var cov = samples.Sum(s => (s.Minute - mx) * ((bytes(s) / 1_048_576.0) - my));
        var variance = samples.Sum(s => (s.Minute - mx) * (s.Minute - mx));
        return n < 2 || variance == 0 ? 0 : cov / variance;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576.0:F0} MB");

    private static string Ms(long micros) => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0:F1} ms");
}
