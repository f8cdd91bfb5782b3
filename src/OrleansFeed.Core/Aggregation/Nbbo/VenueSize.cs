namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>One venue's size at a consolidated price.</summary>
/// <param name="Venue">Venue id, lower case.</param>
/// <param name="Size">Size in base units (or contracts), exact.</param>
public readonly record struct VenueSize(string Venue, decimal Size);
