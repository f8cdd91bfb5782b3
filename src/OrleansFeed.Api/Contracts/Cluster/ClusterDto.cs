using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Cluster;

/// <summary>The silo cluster (<c>GET /api/v1/cluster</c>): its silos and where each connector and book runs.</summary>
/// <param name="Silos">Every silo Orleans' membership knows (active, joining, shutting down, dead), sorted by address.</param>
/// <param name="Connectors">Venue id → address of the active silo whose connector holds that venue's connections.</param>
/// <param name="Books">Book key (<c>venue:symbol</c>) → address of the active silo holding the book.</param>
public sealed record ClusterDto(
    [property: JsonPropertyName("silos")] ClusterSiloDto[] Silos,
    [property: JsonPropertyName("connectors")] IReadOnlyDictionary<string, string> Connectors,
    [property: JsonPropertyName("books")] IReadOnlyDictionary<string, string> Books);
