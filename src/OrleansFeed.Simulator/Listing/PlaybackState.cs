using System.Text.Json.Serialization;

namespace OrleansFeed.Simulator.Listing;

/// <summary>Where the simulator's one global playback is (<see cref="PlaybackStatus.State"/>).</summary>
public enum PlaybackState
{
    /// <summary>Not started: waiting for the first subscription (<see cref="SimulatorOptions.StartOnFirstSubscription"/>)
    /// or for <see cref="ExchangeSimulator.StartPlayback"/>. A client subscribing now receives every frame.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>Started, held by <see cref="ExchangeSimulator.Pause"/>.</summary>
    [JsonStringEnumMemberName("paused")]
    Paused,

    /// <summary>Playing: a client subscribing now joins at the current position, as on a live venue.</summary>
    [JsonStringEnumMemberName("playing")]
    Playing,

    /// <summary>Every frame played; REST snapshots and in-stream catch-ups are still served.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
}
