using Orleans;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Grains.Abstractions;

/// <summary>What one silo of the cluster says about itself (published every supervisor interval).</summary>
/// <param name="Silo">Its Orleans silo address (e.g. <c>S127.0.0.1:11111:123456789</c>), the key Orleans' membership lists it under.</param>
/// <param name="ApiUrl">Base URL of its REST/WebSocket API (e.g. <c>http://127.0.0.1:5081</c>); null before Kestrel listens.</param>
/// <param name="Connectors">Venue ids whose connector is active on the silo, sorted.</param>
/// <param name="Books">Book keys (<c>venue:symbol</c>) active on the silo, sorted.</param>
/// <param name="PublishedAt">When the silo published this (its clock, UTC, µs).</param>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties)]
[Immutable]
[Alias("OrleansFeed.SiloPresence")]
public sealed record SiloPresence(string Silo, string? ApiUrl, string[] Connectors, string[] Books, Timestamp PublishedAt);
