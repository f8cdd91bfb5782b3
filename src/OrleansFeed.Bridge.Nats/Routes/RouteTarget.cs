using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>One stream the bridge forwards: its key and what it belongs to.</summary>
/// <param name="StreamKey">The silo stream key (<c>venue:symbol</c> or canonical instrument).</param>
/// <param name="Book">The book, for book-scoped routes; default for instrument routes.</param>
/// <param name="Instrument">The canonical instrument.</param>
public readonly record struct RouteTarget(string StreamKey, BookKey Book, string Instrument);
