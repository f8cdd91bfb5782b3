using System.Diagnostics;

namespace OrleansFeed.LoadHarness;

/// <summary>Process-wide resource counters at one instant; the difference of two samples is what a window cost.</summary>
/// <param name="Timestamp"><see cref="Stopwatch.GetTimestamp"/> when taken.</param>
/// <param name="Cpu">Process CPU time so far (user + kernel, every thread).</param>
/// <param name="Allocated">Bytes allocated by the process so far (<see cref="GC.GetTotalAllocatedBytes"/>, precise).</param>
/// <param name="Gen0">Gen 0 collections so far.</param>
/// <param name="Gen1">Gen 1 collections so far.</param>
/// <param name="Gen2">Gen 2 collections so far.</param>
internal readonly record struct ProcessSample(long Timestamp, TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2)
{
    /// <summary>Wall time between two samples.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Timestamp);

    /// <summary>The cost of the interval from <paramref name="start"/> to <paramref name="end"/> (the timestamp becomes the elapsed ticks).</summary>
    /// <param name="end">The later sample.</param>
    /// <param name="start">The earlier sample.</param>
    /// <returns>The differences.</returns>
    public static ProcessSample operator -(ProcessSample end, ProcessSample start) => new(
        end.Timestamp - start.Timestamp, end.Cpu - start.Cpu, end.Allocated - start.Allocated,
        end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2);

    /// <summary>Takes a sample now.</summary>
    /// <returns>The sample.</returns>
    public static ProcessSample Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessSample(Stopwatch.GetTimestamp(), process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }
}
