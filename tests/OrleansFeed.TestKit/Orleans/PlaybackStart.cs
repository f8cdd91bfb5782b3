namespace OrleansFeed.TestKit.Orleans;

/// <summary>When a <see cref="SimulatedSilo"/>'s simulators start playing.</summary>
public enum PlaybackStart
{
    /// <summary>As soon as the simulator is up (venues whose connector catches up or retries on its own).</summary>
    Immediately,

    /// <summary>
    /// Once each Binance market session's connections are open, so no diff is played before its connection exists
    /// (a starved silo's depth connection could otherwise open after a full-speed playback has ended).
    /// </summary>
    WhenConnected,

    /// <summary>Paused until the test calls <see cref="SimulatedSilo.PlayWhenSubscribedAsync"/> (or resumes the simulator).</summary>
    Paused,
}
