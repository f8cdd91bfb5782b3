using OrleansFeed.Core.Aggregation.Candles;
using OrleansFeed.Core.Aggregation.Stats;

namespace OrleansFeed.Grains.Aggregation;

/// <summary>What an aggregator keeps across activations in grain storage: trade buckets and candles, consolidated and
/// per venue book. Books are not stored: they are reloaded from the book grains.</summary>
/// <param name="Version">Format version; a state of another version is ignored.</param>
/// <param name="TradeWatermark">Latest trade time seen (UTC, µs), the <c>Trades</c> clock.</param>
/// <param name="Consolidated">The consolidated series.</param>
/// <param name="Venues">Per venue book, by book key.</param>
public sealed record AggregatorState(int Version, long TradeWatermark, TradeSeriesState Consolidated, IReadOnlyList<VenueSeriesState> Venues)
{
    /// <summary>The format this build writes.</summary>
    public const int CurrentVersion = 1;
}

/// <summary>One series' window and candle builders.</summary>
/// <param name="Stats">The 24 h window.</param>
/// <param name="Candles">One builder per interval.</param>
public sealed record TradeSeriesState(RollingTradeStatsState Stats, IReadOnlyList<CandleBuilderState> Candles);

/// <summary>One venue book's series.</summary>
/// <param name="Book">Book key <c>venue:symbol</c>.</param>
/// <param name="Series">The series.</param>
public sealed record VenueSeriesState(string Book, TradeSeriesState Series);
