using Orleans;
using OrleansFeed.Core.Quotes;
using OrleansFeed.Core.Aggregation.Stats;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>
/// A venue book's own 24 h ticker next to ours: a data-quality signal (missed trades show as a volume gap), issue 4
/// item 3. Computed by <see cref="TickerComparison.Compare"/> when the statistics are built.
/// </summary>
/// <param name="Venue">The venue's last 24 h ticker, exactly as stated (prices in quote currency, volume in the unit
/// of its trade sizes, times UTC µs).</param>
/// <param name="Difference">Ours minus the venue's, for volume (also in percent), last, high and low.</param>
/// <param name="WindowComplete">True once our window holds 24 h of trades: the first trade this activation received
/// is at or before the window start. Before that our window only holds the trades since start, so the difference
/// mostly measures the missing history and is not a quality signal. Also false after a restart until 24 h passed.</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.VenueTickerComparison")]
public sealed record VenueTickerComparison(VenueTicker24h Venue, TickerDifference Difference, bool WindowComplete);
