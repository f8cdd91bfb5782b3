using OrleansFeed.Simulator;

namespace OrleansFeed.TestKit.Orleans;

/// <summary>One venue configured in a <see cref="SimulatedSilo"/>.</summary>
/// <param name="Venue">Venue id.</param>
/// <param name="Simulator">The simulator serving it.</param>
/// <param name="Symbols">The symbols configured, as the venue spells them.</param>
public sealed record SimulatedVenue(string Venue, ExchangeSimulator Simulator, IReadOnlyList<string> Symbols);
