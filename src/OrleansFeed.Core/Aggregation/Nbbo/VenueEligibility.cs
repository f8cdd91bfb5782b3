namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>Whether a venue takes part in the NBBO, and if not, why (a metrics label).</summary>
public enum VenueEligibility
{
    /// <summary>The venue's quote is used.</summary>
    Eligible,

    /// <summary>No quote has been received from the venue.</summary>
    NoQuote,

    /// <summary>The venue's book is not verified (resyncing, gap, checksum failure).</summary>
    Unverified,

    /// <summary>The last update is older than the venue's <see cref="VenueQuoteConfig.MaxQuoteAge"/>.</summary>
    Stale,

    /// <summary>The venue reports the instrument halted.</summary>
    Halted,
}
