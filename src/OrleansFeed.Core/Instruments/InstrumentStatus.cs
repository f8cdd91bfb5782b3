namespace OrleansFeed.Core.Instruments;

/// <summary>Trading status of an instrument as reported by the venue's reference endpoint.</summary>
public enum InstrumentStatus
{
    /// <summary>Not known (no reference data fetched).</summary>
    Unknown,

    /// <summary>Trading normally (Binance <c>TRADING</c>).</summary>
    Trading,

    /// <summary>Halted or in a break (Binance <c>HALT</c>, <c>BREAK</c>); excluded from NBBO.</summary>
    Halted,

    /// <summary>Only cancels accepted (Binance <c>CANCEL_ONLY</c>).</summary>
    CancelOnly,

    /// <summary>Delisted or settled.</summary>
    Closed,
}
