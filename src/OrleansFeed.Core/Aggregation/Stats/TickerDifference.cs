namespace OrleansFeed.Core.Aggregation.Stats;

/// <summary>
/// Ours minus the venue's, per 24 h ticker field: a data-quality signal (missed trades show as a volume gap).
/// A field is null when the venue did not give it.
/// </summary>
/// <param name="BaseVolume">Our base volume − the venue's, base units.</param>
/// <param name="BaseVolumePercent">(ours − venue) / venue × 100, percent; null also when the venue's volume is zero.</param>
/// <param name="Last">Our last − the venue's last, quote currency.</param>
/// <param name="High">Our high − the venue's high, quote currency.</param>
/// <param name="Low">Our low − the venue's low, quote currency.</param>
public readonly record struct TickerDifference(decimal? BaseVolume, decimal? BaseVolumePercent, decimal? Last, decimal? High, decimal? Low)
{
    /// <summary>True when every given field matches exactly.</summary>
    public bool IsExactMatch => (BaseVolume ?? 0m) == 0m && (Last ?? 0m) == 0m && (High ?? 0m) == 0m && (Low ?? 0m) == 0m;
}
