using System.Text.Json.Serialization;

namespace OrleansFeed.Api.Contracts.Cluster;

/// <summary>One silo of <c>GET /api/v1/cluster</c>.</summary>
/// <param name="Address">Orleans silo address, e.g. <c>S127.0.0.1:11111:123456789</c> (the <c>silo</c> field of book responses).</param>
/// <param name="Status">Membership status: <c>joining</c>, <c>active</c>, <c>shuttingDown</c>, <c>stopping</c>, <c>dead</c> or <c>unknown</c>.</param>
/// <param name="ApiUrl">Base URL of the silo's REST/WebSocket API; null until the silo published it.</param>
/// <param name="Connectors">Venue ids whose connector the silo last reported active, sorted (empty for a dead silo).</param>
/// <param name="Books">Book keys the silo last reported active, sorted (empty for a dead silo).</param>
/// <param name="PublishedAt">When the silo last published its entry (ISO-8601 UTC, µs); null when it never did.</param>
public sealed record ClusterSiloDto(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("apiUrl")] string? ApiUrl,
    [property: JsonPropertyName("connectors")] string[] Connectors,
    [property: JsonPropertyName("books")] string[] Books,
    [property: JsonPropertyName("publishedAt")] string? PublishedAt);
