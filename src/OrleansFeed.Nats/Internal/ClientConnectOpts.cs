using System.Text.Json.Serialization;

namespace OrleansFeed.Nats.Internal;

/// <summary>The CONNECT JSON.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#connect"/>
internal sealed class ClientConnectOpts
{
    [JsonPropertyName("verbose")]
    public bool Verbose { get; set; }

    [JsonPropertyName("pedantic")]
    public bool Pedantic { get; set; }

    [JsonPropertyName("tls_required")]
    public bool TlsRequired { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("lang")]
    public string Lang { get; set; } = ".NET";

    [JsonPropertyName("version")]
    public string Version { get; set; } = "0.1.0";

    [JsonPropertyName("protocol")]
    public int Protocol { get; set; } = 1;

    [JsonPropertyName("headers")]
    public bool Headers { get; set; } = true;

    [JsonPropertyName("no_responders")]
    public bool NoResponders { get; set; } = true;

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("pass")]
    public string? Pass { get; set; }

    [JsonPropertyName("auth_token")]
    public string? AuthToken { get; set; }
}
