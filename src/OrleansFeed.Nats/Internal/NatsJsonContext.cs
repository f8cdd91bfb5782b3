using System.Text.Json.Serialization;

namespace OrleansFeed.Nats.Internal;

/// <summary>Source-generated JSON for INFO and CONNECT (no reflection, trimming-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerInfo))]
[JsonSerializable(typeof(ClientConnectOpts))]
internal sealed partial class NatsJsonContext : JsonSerializerContext
{
}
