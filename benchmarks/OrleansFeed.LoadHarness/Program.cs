using OrleansFeed.LoadHarness;
using OrleansFeed.Simulator;

// Load harness: recordings → simulator (WebSocket/REST on loopback) → real in-process silo → output streams.
// Usage in HarnessOptions.Usage; results as a Markdown table on stdout (figures quoted in docs/benchmarks.md).
HarnessOptions? options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

Console.WriteLine($"data: {string.Join(", ", options.Folders.Select(Path.GetFileName))}; speed {options.Speed}; {options.Repeat} run(s); {Environment.ProcessorCount} core(s); server GC {System.Runtime.GCSettings.IsServerGC}");
// Read once and shared: each run gets a fresh simulator over the same records (the simulator does not loop).
var records = CaptureSessions.ReadAligned(options.Folders);
if (options.SoakMinutes > 0)
{
    return await SoakRun.RunAsync(records, options);
}

var results = new List<LoadResult>();
for (var run = 1; run <= options.Repeat; run++)
{
    using var timeout = new CancellationTokenSource(options.Timeout);
    try
    {
        results.Add(await LoadRun.RunAsync(run, records, options, timeout.Token));
    }
    catch (OperationCanceledException) when (timeout.IsCancellationRequested)
    {
        Console.Error.WriteLine($"run {run} did not finish within {options.Timeout.TotalSeconds:F0} s (--timeout).");
        return 1;
    }
}

Console.WriteLine();
Console.Write(ResultTable.Format(results));
return results.TrueForAll(r => r.Verified) ? 0 : 1;
