using System.Text.Json;

namespace OrleansFeed.Exchanges.KuCoin;

/// <summary>
/// The answer to KuCoin's token handshake <c>POST /api/v1/bullet-public</c> (shared/docs/exchange-protocols.md §3
/// "Connecting"): <c>{"code":"200000","data":{"token":"…","instanceServers":[{"endpoint":"wss://ws-api-spot.kucoin.com/",
/// "encrypt":true,"protocol":"websocket","pingInterval":18000,"pingTimeout":10000}]}}</c>.
/// </summary>
/// <param name="Token">The connect token (secret-like: not logged), valid about 24 h.</param>
/// <param name="Endpoint">The first instance server's WebSocket endpoint (always use the returned one; it changes).</param>
/// <param name="PingInterval">How often the client must send <c>{"type":"ping"}</c> (server's <c>pingInterval</c>, ms).</param>
/// <param name="PingTimeout">How long the server waits for a ping before dropping the connection (<c>pingTimeout</c>, ms).</param>
/// <seealso href="https://www.kucoin.com/docs-new/websocket-api/base-info/get-public-token-spot-margin"/>
public sealed record KuCoinBullet(string Token, Uri Endpoint, TimeSpan PingInterval, TimeSpan PingTimeout)
{
    /// <summary>Used when a server entry omits <c>pingInterval</c> (the documented value).</summary>
    public static TimeSpan DefaultPingInterval { get; } = TimeSpan.FromMilliseconds(18_000);

    /// <summary>Used when a server entry omits <c>pingTimeout</c> (the documented value).</summary>
    public static TimeSpan DefaultPingTimeout { get; } = TimeSpan.FromMilliseconds(10_000);

    /// <summary>Reads a <c>bullet-public</c> (or <c>bullet-private</c>) response; the first instance server is used.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="bullet">The token, endpoint and ping timing.</param>
    /// <returns>False when the body is not JSON, <c>code</c> is not <c>200000</c>, or the token or a <c>ws</c>/<c>wss</c> endpoint is missing. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> body, out KuCoinBullet bullet)
    {
        bullet = null!;
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() != "200000")
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String || token.GetString() is not { Length: > 0 } tokenText
                || !data.TryGetProperty("instanceServers", out var servers) || servers.ValueKind != JsonValueKind.Array || servers.GetArrayLength() == 0)
            {
                return false;
            }

            var server = servers[0];
            if (server.ValueKind != JsonValueKind.Object
                || !server.TryGetProperty("endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var uri) || uri.Scheme is not ("wss" or "ws"))
            {
                return false;
            }

            bullet = new KuCoinBullet(
                tokenText,
                uri,
                Milliseconds(server, "pingInterval", DefaultPingInterval),
                Milliseconds(server, "pingTimeout", DefaultPingTimeout));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The URL to connect to: <c>{endpoint}?token={token}&amp;connectId={connectId}</c> (§3 step 2).</summary>
    /// <param name="connectId">A unique id for this connection; echoed in the <c>welcome</c> frame.</param>
    /// <returns>The WebSocket URL.</returns>
    public Uri ConnectUri(string connectId)
    {
        var text = Endpoint.OriginalString;
        var separator = text.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{text}{separator}token={Uri.EscapeDataString(Token)}&connectId={Uri.EscapeDataString(connectId)}");
    }

    /// <inheritdoc />
    public override string ToString() => $"KuCoinBullet {{ Endpoint = {Endpoint}, PingInterval = {PingInterval}, Token = *** }}";

    private static TimeSpan Milliseconds(JsonElement server, string name, TimeSpan fallback) =>
        server.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : fallback;
}
