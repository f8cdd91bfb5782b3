namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>Per-venue NBBO settings: how old a quote may get, and the venue's taker fee.</summary>
/// <param name="MaxQuoteAge">
/// Maximum quote age. A venue is stale, and excluded, when <c>now − receive time</c> of its last update
/// is strictly greater than this; a quote exactly this old is still fresh. Must be positive.
/// Resolution: microseconds (sub-microsecond ticks are truncated).
/// </param>
/// <param name="TakerFeeBps">
/// Taker fee in basis points (1 bp = 0.01 %), e.g. <c>7.5m</c> for 0.075 %. Used only by fee-adjusted
/// computations: buy (ask) price × (1 + fee), sell (bid) price × (1 − fee). Range 0..10000.
/// </param>
public readonly record struct VenueQuoteConfig(TimeSpan MaxQuoteAge, decimal TakerFeeBps)
{
    /// <summary>The default: quotes stale after 5 seconds, no fee.</summary>
    public static VenueQuoteConfig Default => new(TimeSpan.FromSeconds(5), 0m);

    /// <summary>The maximum age in microseconds.</summary>
    public long MaxQuoteAgeMicroseconds => MaxQuoteAge.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>The fee as a fraction (bps / 10 000), exact.</summary>
    public decimal TakerFeeFraction => TakerFeeBps / 10_000m;

    /// <summary>Checks the ranges; called when a venue is configured.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The age is not positive or the fee is outside 0..10000 bp.</exception>
    public void Validate()
    {
        if (MaxQuoteAge <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQuoteAge), MaxQuoteAge, "Aggregation:Nbbo:MaxQuoteAge must be positive.");
        }

        if (TakerFeeBps < 0m || TakerFeeBps > 10_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(TakerFeeBps), TakerFeeBps, "Aggregation:Nbbo:TakerFeeBps must be within 0..10000.");
        }
    }
}
