using OrleansFeed.Core.Time;
using OrleansFeed.Simulator.Venues;

namespace OrleansFeed.Simulator.Internal;

/// <summary>One recorded frame to play, split/classified once at load time so playback only routes bytes.</summary>
/// <param name="Time">Recorded receive time (UTC, µs).</param>
/// <param name="Stream">Binance: the wrapper's <c>stream</c> name, lower-cased; other venues: empty.</param>
/// <param name="Combined">The recorded frame verbatim (Binance: <c>{"stream":…,"data":…}</c>).</param>
/// <param name="Raw">Binance: the <c>data</c> payload alone, for raw <c>/ws/&lt;stream&gt;</c> clients; other venues: the frame.</param>
/// <param name="DiffSymbol">Symbol when the frame is a book diff (Binance: upper case), else null.</param>
/// <param name="Route">Which 2026 USD-M route delivers this stream (Binance only).</param>
internal sealed record PlaybackFrame(
    Timestamp Time,
    string Stream,
    ReadOnlyMemory<byte> Combined,
    ReadOnlyMemory<byte> Raw,
    string? DiffSymbol,
    StreamRoute Route)
{
    /// <summary>Position on the playback timeline: <see cref="Time"/> shifted so each recorded connection starts at
    /// zero, which lets sessions of different venues and days play side by side.</summary>
    public Timestamp PlayTime { get; init; }

    /// <summary>The venue plug-in, or null for Binance (served by the Binance-specific routes).</summary>
    public SimulatedVenue? Venue { get; init; }

    /// <summary>The venue id (<c>binance</c> for Binance frames).</summary>
    public string VenueId { get; init; } = "binance";

    /// <summary>What the frame is (Binance frames: diff or other).</summary>
    public SimulatedFrameKind Kind { get; init; } = SimulatedFrameKind.Other;

    /// <summary>The subscription key (<see cref="SubscriptionKey"/>) of non-Binance frames, or null for connection-wide frames.</summary>
    public string? Key { get; init; }

    /// <summary>The symbol as the venue spells it, or null.</summary>
    public string? Symbol { get; init; }

    /// <summary>False for a book diff whose recorded checksum equals the previous book frame's: it did not touch the
    /// checksummed top levels, so corrupting it could go unnoticed.</summary>
    public bool TouchesChecksum { get; init; } = true;
}
