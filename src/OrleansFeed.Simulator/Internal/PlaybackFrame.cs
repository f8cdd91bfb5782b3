using OrleansFeed.Core.Time;

namespace OrleansFeed.Simulator.Internal;

/// <summary>One recorded combined-stream frame, split once at load time so playback only routes bytes.</summary>
/// <param name="Time">Recorded receive time (UTC, µs).</param>
/// <param name="Stream">The wrapper's <c>stream</c> name, lower-cased (Binance stream names are case-insensitive).</param>
/// <param name="Combined">The recorded frame verbatim: <c>{"stream":…,"data":…}</c>.</param>
/// <param name="Raw">The <c>data</c> payload alone, for raw <c>/ws/&lt;stream&gt;</c> clients.</param>
/// <param name="DiffSymbol">Upper-case symbol when the frame is a <c>@depth</c> diff, else null.</param>
/// <param name="Route">Which 2026 USD-M route delivers this stream.</param>
internal sealed record PlaybackFrame(
    Timestamp Time,
    string Stream,
    ReadOnlyMemory<byte> Combined,
    ReadOnlyMemory<byte> Raw,
    string? DiffSymbol,
    StreamRoute Route);
