using System.Text.Json.Serialization;

namespace OrleansFeed.Nats.Internal;

/// <summary>The fields of the server's INFO we use.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#info"/>
internal sealed class ServerInfo
{
    [JsonPropertyName("server_id")]
    public string ServerId { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string Version { get; set; } = string.Empty;

    [JsonPropertyName("max_payload")]
    public long MaxPayload { get; set; }

    [JsonPropertyName("headers")]
    public bool Headers { get; set; }

    [JsonPropertyName("auth_required")]
    public bool AuthRequired { get; set; }

    [JsonPropertyName("tls_required")]
    public bool TlsRequired { get; set; }

    [JsonPropertyName("jetstream")]
    public bool JetStream { get; set; }
}
