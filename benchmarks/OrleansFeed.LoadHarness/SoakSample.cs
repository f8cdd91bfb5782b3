namespace OrleansFeed.LoadHarness;

/// <summary>One minute of a soak (<see cref="SoakRun"/>): process memory at its end, latencies and counts over it.</summary>
/// <param name="Minute">Minute number, from 1.</param>
/// <param name="RssBytes">Resident set size at the end of the minute (bytes, /proc/self/status VmRSS).</param>
/// <param name="HeapBytes">GC heap size after the last collection (<see cref="GCMemoryInfo.HeapSizeBytes"/>).</param>
/// <param name="LohBytes">Large-object heap size after the last collection (generation 3 of <see cref="GCMemoryInfo.GenerationInfo"/>).</param>
/// <param name="Gen2">Gen 2 collections during the minute.</param>
/// <param name="CpuShare">Process CPU time over the minute divided by (minute × cores).</param>
/// <param name="RestCount">REST requests answered during the minute.</param>
/// <param name="RestP50">REST request p50, µs.</param>
/// <param name="RestP99">REST request p99, µs.</param>
/// <param name="RestMax">REST request maximum, µs.</param>
/// <param name="RestErrors">REST requests that failed or answered other than 200.</param>
/// <param name="WsCount">WebSocket messages whose latency was sampled (receive time stamped by the silo → client).</param>
/// <param name="WsP50">WebSocket delivery p50, µs.</param>
/// <param name="WsP99">WebSocket delivery p99, µs.</param>
/// <param name="WsClients">WebSocket clients connected at the end of the minute.</param>
/// <param name="Reconnects">Clients closed and connected again (churn) during the minute.</param>
/// <param name="Frames">Venue frames the connectors received during the minute.</param>
/// <param name="StateRecords">Aggregator state records (segments and heads) written to grain storage during the minute.</param>
/// <param name="StateBytes">Bytes of those records.</param>
/// <param name="Loops">Playbacks of the recordings completed so far.</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the end of the minute (/proc/loadavg).</param>
internal sealed record SoakSample(
    int Minute,
    long RssBytes,
    long HeapBytes,
    long LohBytes,
    int Gen2,
    double CpuShare,
    long RestCount,
    long RestP50,
    long RestP99,
    long RestMax,
    long RestErrors,
    long WsCount,
    long WsP50,
    long WsP99,
    int WsClients,
    int Reconnects,
    long Frames,
    long StateRecords,
    long StateBytes,
    int Loops,
    string LoadAverage);
