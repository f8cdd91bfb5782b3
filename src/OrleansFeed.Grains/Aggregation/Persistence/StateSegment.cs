using System.Globalization;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>
/// One stored segment of an aggregator's state: a part (<c>stats</c>, or a candle interval such as <c>1m</c>) of one
/// series (<c>all</c> or a book key <c>venue:symbol</c>), covering one chunk of time. Its state name is
/// <c>aggregates/{series}/{part}/{chunk}</c>; a book key may hold <c>/</c> (Kraken's <c>XBT/USD</c>), so the name is
/// parsed from the end.
/// </summary>
/// <param name="Series">Series name.</param>
/// <param name="Part">Part name.</param>
/// <param name="Chunk">Chunk number: bucket index ÷ buckets per segment, or candle number ÷ candles per segment.</param>
internal readonly record struct StateSegment(string Series, string Part, long Chunk)
{
    private const string Prefix = "aggregates/";

    /// <summary>The state name in grain storage.</summary>
    public string StateName => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Series}/{Part}/{Chunk}");

    /// <summary>Parses a state name written by <see cref="StateName"/>.</summary>
    public static bool TryParse(string name, out StateSegment segment)
    {
        segment = default;
        var chunkSlash = name.LastIndexOf('/');
        var partSlash = chunkSlash > 0 ? name.LastIndexOf('/', chunkSlash - 1) : -1;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || partSlash < Prefix.Length
            || !long.TryParse(name.AsSpan(chunkSlash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chunk))
        {
            return false;
        }

        segment = new StateSegment(name[Prefix.Length..partSlash], name[(partSlash + 1)..chunkSlash], chunk);
        return true;
    }
}
