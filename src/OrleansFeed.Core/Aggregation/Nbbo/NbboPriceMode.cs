namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>Which prices are compared when ranking venues.</summary>
public enum NbboPriceMode
{
    /// <summary>The venues' displayed prices.</summary>
    Raw,

    /// <summary>
    /// All-in prices after the venue's taker fee: bid × (1 − fee) (what a seller receives),
    /// ask × (1 + fee) (what a buyer pays).
    /// </summary>
    FeeAdjusted,
}
