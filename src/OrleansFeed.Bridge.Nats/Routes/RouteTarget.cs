using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>One stream the bridge forwards: its key and what it belongs to.</summary>
/// <param name="StreamKey">The silo stream key (<c>venue:symbol</c> or canonical instrument).</param>
/// <param name="Book">The book, for book-scoped routes; default for instrument routes.</param>
/// <param name="Instrument">The canonical instrument (book routes) or the aggregator key (instrument routes).</param>
/// <param name="Venues">Instrument routes: the venues feeding the aggregator, ordered (ordinal); null for book routes.</param>
public readonly record struct RouteTarget(string StreamKey, BookKey Book, string Instrument, string[]? Venues = null);
