using System.Globalization;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.Silo.Commands;

/// <summary>The line <c>run --simulator</c> prints once it read the simulator's listing.</summary>
internal static class RemoteSimulatorReport
{
    /// <summary>
    /// Venues and symbol counts, and, when the playback already started (another silo or client subscribed first),
    /// that this silo joins at the current position: frames played before it subscribed are not sent to it
    /// (docs/simulator.md#several-silos-on-one-simulator).
    /// </summary>
    /// <param name="url">The URL as given.</param>
    /// <param name="listing">The listing read.</param>
    /// <returns>One line.</returns>
    public static string Describe(string url, SimulatorListing listing)
    {
        var venues = string.Join(", ", listing.Venues.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Venue} ({v.Symbols.Count} symbols)")));
        var playback = listing.Playback;
        var joins = playback.State switch
        {
            // The listing does not say whether the simulator was started with --hold, so name both triggers.
            PlaybackState.Waiting => "playback not started yet (it starts on the first subscription, or on POST /simulator/play with simulate --hold): this silo sees it from the first frame",
            PlaybackState.Completed => "playback already completed: books sync from snapshots, no more frames",
            _ => string.Create(CultureInfo.InvariantCulture, $"playback already at frame {playback.Position} of {playback.Total}: this silo joins there"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"Using the simulator at {url}: venues {venues}; speed {playback.Speed}; {joins}.");
    }
}
