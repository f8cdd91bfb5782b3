using System.Net;

namespace OrleansFeed.Simulator;

/// <summary>
/// Settings of an <see cref="ExchangeSimulator"/>. Immutable; change with <c>with</c>. Validated by
/// <see cref="SimulatorOptionsValidator"/> when the simulator is created (config section <c>Simulator</c>).
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>The defaults: a free port, as-fast-as-possible playback started by the first subscriber.</summary>
    public static SimulatorOptions Default { get; } = new();

    /// <summary>TCP port to bind on <see cref="BindAddress"/>; 0 (default) picks a free one. Range 0–65535.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Address to listen on: <see cref="IPAddress.Loopback"/> (default) serves this machine only; <c>0.0.0.0</c> lets
    /// other machines or containers reach it (<c>simulate --bind</c>, docker/docker-compose.yml). The simulator has no
    /// authentication: it serves recorded public market data. <see cref="ExchangeSimulator.BaseUri"/> stays on 127.0.0.1.
    /// </summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Playback pace: 0 (default) = as fast as possible; 1 = the recorded pace (gaps between receive times kept);
    /// N = N times faster than recorded, fractions slower (0.5 = half the recorded pace, gaps twice as long). Must be
    /// finite and not negative.
    /// </summary>
    public double PlaybackSpeed { get; init; }

    /// <summary>
    /// When true (default) the single global playback starts when the first client subscribes to a stream
    /// (Binance URL streams or a <c>SUBSCRIBE</c>, or any venue route's subscribe request); when false it starts in <see cref="ExchangeSimulator.StartAsync"/>.
    /// </summary>
    public bool StartOnFirstSubscription { get; init; } = true;

    /// <summary>
    /// When true the playback starts only on <see cref="ExchangeSimulator.StartPlayback"/> or <c>POST /simulator/play</c>
    /// (<c>simulate --hold</c>), whatever <see cref="StartOnFirstSubscription"/> says: several silos of a cluster can all
    /// subscribe before the first frame (docs/simulator.md#several-silos-on-one-simulator). Default false.
    /// </summary>
    public bool WaitForPlayRequest { get; init; }

    /// <summary>
    /// Frames queued per client before it counts as too slow and is disconnected (no conflation: a venue does not
    /// conflate diffs either). Default 10,000; range 1–10,000,000.
    /// </summary>
    public int MaxSendQueue { get; init; } = 10_000;

    /// <summary>
    /// WebSocket ping interval (the server pings, the client must pong). Default 20 s, Binance spot's value
    /// (shared/docs/exchange-protocols.md §1 "Heartbeat"). <see cref="TimeSpan.Zero"/> disables pings.
    /// </summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra delay before each played frame, on top of the pace. Default zero. Changeable at run time
    /// with <see cref="ExchangeSimulator.SetDelay"/>.</summary>
    public TimeSpan FrameDelay { get; init; }

    /// <summary>Artificial delay before answering each REST depth request. Default zero.</summary>
    public TimeSpan RestDelay { get; init; }
}
