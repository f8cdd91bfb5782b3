namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>The taker side of a sweep.</summary>
public enum SweepSide
{
    /// <summary>Buy: walks the asks from the lowest price up.</summary>
    Buy,

    /// <summary>Sell: walks the bids from the highest price down.</summary>
    Sell,
}
