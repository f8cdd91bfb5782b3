namespace OrleansFeed.Core.Instruments;

/// <summary>What an instrument is, which decides its canonical name's suffix.</summary>
public enum InstrumentKind
{
    /// <summary>Spot pair: canonical <c>BASE-QUOTE</c>.</summary>
    Spot,

    /// <summary>Perpetual swap: canonical <c>BASE-QUOTE-PERP</c>.</summary>
    Perpetual,

    /// <summary>Dated future: canonical <c>BASE-QUOTE-YYYYMMDD</c>.</summary>
    Future,

    /// <summary>Option: canonical <c>BASE-QUOTE-YYYYMMDD-STRIKE-C|P</c>.</summary>
    Option,
}
