namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>How instruments that differ only in their quote currency are grouped into one NBBO.</summary>
public enum QuoteCurrencyPolicy
{
    /// <summary>The default: every quote currency is its own NBBO (BTC-USDT, BTC-USDC and BTC-USD stay apart).</summary>
    Separate,

    /// <summary>
    /// USD and the USD stablecoins listed in <see cref="NbboGrouping.UsdStablecoins"/> form one NBBO group
    /// (<c>BTC-USD*</c>). Ignores the stablecoins' de-peg risk: prices are compared one to one.
    /// </summary>
    TreatUsdStablecoinsAsOne,
}
