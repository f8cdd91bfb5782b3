using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>
/// Settings for a silo whose only venue (Kraken, one symbol) points at a loopback port nobody listens on: its
/// connector fails and retries every 50–200 ms, so readiness and the venue's counters have an error to explain.
/// </summary>
public static class UnreachableVenue
{
    /// <summary>The venue the settings configure.</summary>
    public const string Venue = "kraken";

    /// <summary>Its one symbol.</summary>
    public const string Symbol = "XBT/USD";

    /// <summary>Kraken enabled with <see cref="Symbol"/>, its WebSocket and REST URLs on <paramref name="deadPort"/>.</summary>
    /// <param name="deadPort">A loopback port with no listener (e.g. from <see cref="FreePort.Next"/>).</param>
    /// <returns>Settings for <see cref="SimulatedSilo.StartConfiguredAsync"/>.</returns>
    public static Dictionary<string, string?> Settings(int deadPort) => new()
    {
        [$"Feed:Venues:{Venue}:Enabled"] = "true",
        [$"Feed:Venues:{Venue}:Symbols:0"] = Symbol,
        [$"Feed:Venues:{Venue}:WebSocketUrl"] = $"ws://127.0.0.1:{deadPort}/v2",
        [$"Feed:Venues:{Venue}:RestUrl"] = $"http://127.0.0.1:{deadPort}",
        [$"Feed:Venues:{Venue}:LoadInstruments"] = "false",
        [$"Feed:Venues:{Venue}:ReconnectMinDelay"] = "00:00:00.050",
        [$"Feed:Venues:{Venue}:ReconnectMaxDelay"] = "00:00:00.200",
    };
}
