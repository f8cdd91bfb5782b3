namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>Fee adjustment of a price, shared by the NBBO and the sweep so both rank venues the same way.</summary>
internal static class TakerFee
{
    /// <summary>The all-in price: a buyer pays ask × (1 + fee), a seller receives bid × (1 − fee).</summary>
    /// <param name="price">Displayed price, quote currency.</param>
    /// <param name="feeFraction">Fee as a fraction (bps / 10 000).</param>
    /// <param name="isAsk">True for an ask (buy side), false for a bid (sell side).</param>
    /// <returns>The adjusted price, exact in decimal.</returns>
    public static decimal Adjust(decimal price, decimal feeFraction, bool isAsk) =>
        isAsk ? price * (1m + feeFraction) : price * (1m - feeFraction);
}
