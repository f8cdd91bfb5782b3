namespace OrleansFeed.Simulator.Listing;

/// <summary>The playback part of <see cref="SimulatorListing"/>.</summary>
/// <param name="State">Waiting, paused, playing or completed.</param>
/// <param name="Position">Frames played so far (0 to <paramref name="Total"/>).</param>
/// <param name="Total">Frames to play.</param>
/// <param name="Speed">Pace: 0 = as fast as possible, 1 = recorded pace, 0.5 = half the recorded pace, N = N times faster.</param>
/// <param name="Clients">WebSocket clients connected now (all silos together).</param>
/// <param name="Span">Recorded time from the first to the last frame (<see cref="ExchangeSimulator.PlaybackSpan"/>): the
/// playback lasts <c>Span / Speed</c>. JSON: <c>"hh:mm:ss.fffffff"</c>.</param>
public sealed record PlaybackStatus(PlaybackState State, int Position, int Total, double Speed, int Clients, TimeSpan Span);
