using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansFeed.Nats;

/// <summary>
/// Immutable options of a <see cref="NatsConnection"/>. Start from <see cref="Default"/> and change values with
/// <c>with</c>: <c>NatsOpts.Default with { Url = "nats://10.0.0.5:4222", Name = "silo-1" }</c>.
/// </summary>
/// <remarks>
/// Options are read when the connection is constructed and validated by <see cref="Validate"/>; later changes to
/// the record instance cannot happen (it is immutable) and a new connection is needed to apply new values.
/// Secrets (<see cref="Password"/>, <see cref="AuthToken"/>) are never logged.
/// </remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#connect"/>
public sealed record NatsOpts
{
    /// <summary>The defaults: <c>nats://127.0.0.1:4222</c>, 2 min ping interval, 2 pings out, reconnect forever.</summary>
    public static readonly NatsOpts Default = new();

    /// <summary>Server URL, <c>nats://host:port</c> or <c>tls://host:port</c> (TLS required). Default <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    /// <summary>Client name sent in CONNECT (<c>name</c>), shown by the server's monitoring. Default <c>OrleansFeed.Nats</c>.</summary>
    public string Name { get; init; } = "OrleansFeed.Nats";

    /// <summary>User for user/password authentication (CONNECT <c>user</c>); null sends none. Default null.</summary>
    public string? Username { get; init; }

    /// <summary>Password for user/password authentication (CONNECT <c>pass</c>); never logged. Default null.</summary>
    public string? Password { get; init; }

    /// <summary>Token for token authentication (CONNECT <c>auth_token</c>); never logged. Default null.</summary>
    public string? AuthToken { get; init; }

    /// <summary>TLS settings; used when the URL scheme is <c>tls</c> or the server's INFO says <c>tls_required</c>.</summary>
    public NatsTlsOpts Tls { get; init; } = NatsTlsOpts.Default;

    /// <summary>Time allowed for TCP connect + INFO + CONNECT + first PONG. Default 5 s; must be positive.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of client PINGs that detect a dead connection. Default 2 min; must be positive.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Outstanding PINGs without a PONG after which the connection is treated as dead and reconnected.
    /// Default 2; range 1..100.
    /// </summary>
    public int MaxPingOut { get; init; } = 2;

    /// <summary>Default timeout of <see cref="NatsConnection.RequestAsync"/> when none is passed. Default 5 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; doubled per failed attempt up to <see cref="ReconnectWaitMax"/>. Default 100 ms.</summary>
    public TimeSpan ReconnectWaitMin { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the exponential reconnect delay (before jitter). Default 5 s.</summary>
    public TimeSpan ReconnectWaitMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Random extra delay, uniform in [0, value), added to every reconnect delay so clients do not stampede. Default 100 ms.</summary>
    public TimeSpan ReconnectJitter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reconnect attempts per outage before the connection closes for good; -1 (default) retries forever.</summary>
    public int MaxReconnectRetry { get; init; } = -1;

    /// <summary>
    /// Bytes of publish commands buffered while reconnecting (protocol bytes, headers and payload included).
    /// A publish that does not fit throws <see cref="NatsReconnectBufferFullException"/>; 0 disables buffering so
    /// every publish while disconnected throws. Default 8 MiB. Buffered publishes are sent after the
    /// resubscribe on the new connection, in order.
    /// </summary>
    public int ReconnectBufferSize { get; init; } = 8 * 1024 * 1024;

    /// <summary>
    /// Largest MSG/HMSG payload accepted from the server, in bytes, whatever its INFO <c>max_payload</c> says; a larger
    /// frame is a protocol error that drops the connection. Default 64 MiB.
    /// </summary>
    public int MaxPayloadHardCap { get; init; } = 64 * 1024 * 1024;

    /// <summary>Default options of new subscriptions (capacity of the per-subscription channel).</summary>
    public NatsSubOpts SubOpts { get; init; } = NatsSubOpts.Default;

    /// <summary>Prefix of reply subjects of <see cref="NatsConnection.RequestAsync"/>. Default <c>_INBOX</c>.</summary>
    public string InboxPrefix { get; init; } = "_INBOX";

    /// <summary>Capacity of the event queue; when full the oldest undelivered event is dropped. Default 256.</summary>
    public int EventQueueCapacity { get; init; } = 256;

    /// <summary>Logger factory; events use ids 3000-3999. Default <see cref="NullLoggerFactory.Instance"/>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Clock for ping timers and reconnect delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Checks ranges; called by the <see cref="NatsConnection"/> constructor.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the key (section <c>Nats</c>).</exception>
    public void Validate()
    {
        Require(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "nats" or "tls", nameof(Url), "an absolute nats:// or tls:// URL");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "> 0");
        Require(PingInterval > TimeSpan.Zero, nameof(PingInterval), "> 0");
        Require(MaxPingOut is >= 1 and <= 100, nameof(MaxPingOut), "1..100");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "> 0");
        Require(ReconnectWaitMin >= TimeSpan.Zero && ReconnectWaitMax >= ReconnectWaitMin, nameof(ReconnectWaitMax), ">= ReconnectWaitMin >= 0");
        Require(ReconnectJitter >= TimeSpan.Zero, nameof(ReconnectJitter), ">= 0");
        Require(MaxReconnectRetry >= -1, nameof(MaxReconnectRetry), "-1 (forever) or >= 0");
        Require(ReconnectBufferSize >= 0, nameof(ReconnectBufferSize), ">= 0");
        Require(MaxPayloadHardCap > 0, nameof(MaxPayloadHardCap), "> 0");
        Require(EventQueueCapacity > 0, nameof(EventQueueCapacity), "> 0");
        Require(!string.IsNullOrWhiteSpace(InboxPrefix), nameof(InboxPrefix), "non-empty");
        SubOpts.Validate();
    }

    private static void Require(bool ok, string key, string range)
    {
        if (!ok)
        {
            throw new ArgumentException($"Invalid NATS option Nats:{key}; allowed: {range}.", key);
        }
    }
}
