namespace OrleansFeed.Simulator.Tests.Venues;

/// <summary>Test steps shared by the venue tests: connect to a venue route, subscribe, read until the sentinel.</summary>
internal static class VenueTestClient
{
    public static readonly SimulatorOptions Fast = new() { MaxSendQueue = 1_000_000 };

    public static async Task<WsClient> ConnectAsync(ExchangeSimulator sim, string venue, CancellationToken ct, string query = "")
    {
        var client = await WsClient.ConnectAsync(new Uri(sim.VenueWebSocketUri(venue) + query), ct);
        return client;
    }

    /// <summary>Waits for the end of playback, then reads everything the client got (the sentinel marks the end).</summary>
    public static async Task<List<string>> DrainAsync(ExchangeSimulator sim, string venue, CancellationToken ct, params WsClient[] clients)
    {
        await sim.PlaybackCompleted.WaitAsync(ct);
        sim.InjectRaw(venue, WsClient.Sentinel);
        var all = new List<string>();
        foreach (var client in clients)
        {
            all.AddRange(await client.ReceiveUntilSentinelAsync(ct));
        }

        return all;
    }

    /// <summary>Reads until <paramref name="count"/> frames matching <paramref name="match"/> arrived; returns all read.</summary>
    public static async Task<List<string>> ReceiveUntilAsync(WsClient client, Func<string, bool> match, int count, CancellationToken ct)
    {
        var frames = new List<string>();
        var seen = 0;
        while (seen < count && await client.ReceiveAsync(ct) is { } frame)
        {
            frames.Add(frame);
            seen += match(frame) ? 1 : 0;
        }

        return frames;
    }
}
