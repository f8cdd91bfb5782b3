using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFeed.Redis;

/// <summary>
/// Settings of the Redis provider, bound from the <c>Redis</c> configuration section and checked at start by
/// <see cref="RedisOptionsValidator"/>.
/// </summary>
/// <remarks>
/// Key formats (all keys start with <see cref="KeyPrefix"/>; see the project README):
/// <list type="bullet">
/// <item><c>{prefix}:grain:{grainType}:{grainKey}</c>: grain state, a JSON string value, no TTL.</item>
/// <item><c>{prefix}:lv:{kind}:{id}</c>: last value of kind <c>ticker</c>, <c>bbo</c>, <c>nbbo</c> or <c>stats</c>,
/// a JSON string value with TTL <see cref="LastValueTtl"/>.</item>
/// </list>
/// Options are read once when the shared connection is created; later changes are not observed.
/// </remarks>
public sealed class RedisOptions
{
    /// <summary>The configuration section name, <c>Redis</c>.</summary>
    public const string SectionName = "Redis";

    /// <summary>
    /// False switches the provider off while keeping the section (e.g. <c>ORLEANSFEED_Redis__Enabled=false</c>).
    /// Default true. Read by the silo's <c>AddRedisIntegration</c>: with the section absent or this false, the silo
    /// runs without Redis (in-memory grain storage, no last values, no <c>redis</c> readiness entry).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// What the <c>redis</c> readiness check reports while Redis is disconnected: <see cref="HealthStatus.Degraded"/>
    /// (default: <c>/health/ready</c> stays HTTP 200 with status <c>Degraded</c>, because ingest and the API do not need
    /// Redis) or <see cref="HealthStatus.Unhealthy"/> (HTTP 503: take the silo out of rotation when Redis consumers
    /// matter more than REST/WebSocket ones). Read by the silo's <c>AddRedisIntegration</c> at registration.
    /// </summary>
    public HealthStatus ReadinessFailureStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>
    /// StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379,password=secret</c>.
    /// Default <c>127.0.0.1:6379</c>. Any <c>password=</c> part is redacted by <see cref="ToString"/> and in logs.
    /// </summary>
    /// <seealso href="https://stackexchange.github.io/StackExchange.Redis/Configuration.html"/>
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// File holding the Redis password (<c>requirepass</c>), trimmed; set on the connection in place of any
    /// <c>password=</c> part, so the secret stays out of configuration. Default null. TLS is switched on in
    /// <see cref="ConnectionString"/> (<c>ssl=true,sslHost=…</c>). An ACL user name needs a newer StackExchange.Redis
    /// than 1.2.6 (see docs/security.md).
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// PEM file of the CA certificate(s) the server's TLS certificate must chain to (with <c>ssl=true</c> in
    /// <see cref="ConnectionString"/>); the system trust store is not used then. Default null: system trust.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>
    /// First segment of every key this provider writes. Default <c>orleansfeed</c>. Non-empty, no whitespace, no
    /// <c>:</c> at either end. Danger: two deployments sharing one prefix on one server overwrite each other.
    /// </summary>
    public string KeyPrefix { get; set; } = "orleansfeed";

    /// <summary>Time allowed for one connect attempt. Default 5 s; range 100 ms to 60 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for one command before it fails with a timeout. Default 5 s; range 100 ms to 60 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Expiry set on every last-value key. Default 60 s; range 1 s to 1 day.</summary>
    public TimeSpan LastValueTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Minimum time between two writes of one last-value key; offers in between are coalesced and only the latest
    /// is written. Default 250 ms (at most 4 writes per key per second); range 10 ms to 1 min, and less than
    /// <see cref="LastValueTtl"/>.
    /// </summary>
    public TimeSpan LastValueMinInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Most distinct last-value keys held in memory; offers for further keys are dropped and counted.
    /// Default 100,000; range 1 to 10,000,000.
    /// </summary>
    public int LastValueMaxKeys { get; set; } = 100_000;

    /// <summary>Largest last-value payload accepted, in bytes; larger offers are rejected and counted. Default 64 KiB; range 16 B to 16 MiB.</summary>
    public int LastValueMaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>The options with the connection string's password redacted, safe for logs.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"ConnectionString={RedisConnectionStrings.Redact(ConnectionString)}, KeyPrefix={KeyPrefix}, " +
        $"ConnectTimeout={ConnectTimeout}, OperationTimeout={OperationTimeout}, LastValueTtl={LastValueTtl}, " +
        $"LastValueMinInterval={LastValueMinInterval}, LastValueMaxKeys={LastValueMaxKeys}, ReadinessFailureStatus={ReadinessFailureStatus}";
}
