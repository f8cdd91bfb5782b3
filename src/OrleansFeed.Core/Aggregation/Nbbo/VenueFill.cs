namespace OrleansFeed.Core.Aggregation.Nbbo;

/// <summary>The part of a sweep filled on one venue.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Size">Size filled on the venue, base units.</param>
/// <param name="Notional">Σ displayed price × size filled on the venue, quote currency, before fees.</param>
/// <param name="Vwap">Notional / Size: the venue's average displayed fill price, quote currency.</param>
public readonly record struct VenueFill(string Venue, decimal Size, decimal Notional, decimal Vwap);
