using OrleansFeed.Grains.Subjects;

namespace OrleansFeed.Bridge.Nats.Hosting;

/// <summary>
/// The NATS bridge (section <c>Nats</c>). Off unless <see cref="Enabled"/> is true. Read once at start; changes need a
/// restart. Every key, default and range is listed in docs/nats-bridge.md, "Switching it on", and docs/configuration.md.
/// </summary>
public sealed class NatsBridgeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Nats";

    /// <summary>Switches the bridge on. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Server URL, <c>nats://host:port</c> or <c>tls://host:port</c>. Default <c>nats://127.0.0.1:4222</c>.</summary>
    public string Url { get; set; } = "nats://127.0.0.1:4222";

    /// <summary>Client name shown by the server's monitoring. Default <c>orleansfeed-silo</c>.</summary>
    public string Name { get; set; } = "orleansfeed-silo";

    /// <summary>User for user/password auth; null for none. Never logged with its password.</summary>
    public string? Username { get; set; }

    /// <summary>Password for user/password auth; null for none. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Token for token auth; null for none. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>File holding the password (trimmed); wins over <see cref="Password"/>. Keeps the secret out of configuration files.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>File holding the token (trimmed); wins over <see cref="Token"/>.</summary>
    public string? TokenFile { get; set; }

    /// <summary>NKEY seed file (<c>SU...</c>, from <c>nk -gen user</c>): the client signs the server's nonce with it. Null for none.</summary>
    public string? NKeyFile { get; set; }

    /// <summary>Decentralised-auth credentials file (<c>.creds</c>: user JWT and NKEY seed, from <c>nsc</c>). Null for none.</summary>
    public string? CredsFile { get; set; }

    /// <summary>TLS trust (section <c>Nats:Tls</c>); TLS is used with a <c>tls://</c> URL or when the server requires it.</summary>
    public NatsBridgeTlsOptions Tls { get; set; } = new();

    /// <summary>Subject prefix: dot-separated tokens without wildcards or spaces. Default <c>md.v1</c>.</summary>
    public string SubjectPrefix { get; set; } = MdSubjects.DefaultPrefix;

    /// <summary>
    /// Capacity of the outbound queue in messages; when full the newest message is dropped and counted
    /// (<c>DroppedQueueFull</c>). Default 65,536; range 1..16,777,216.
    /// </summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// Capacity of each of the bridge's silo stream subscriptions (events waiting to be encoded); when full the
    /// newest event is dropped and counted (<c>DroppedStream</c>). Default 16,384; range 1..16,777,216.
    /// </summary>
    public int StreamCapacity { get; set; } = 16_384;

    /// <summary>
    /// Bytes of publishes the NATS connection buffers while reconnecting; beyond it messages are dropped and counted
    /// (<c>DroppedDisconnected</c>). Default 8 MiB; range 0..1 GiB (0: drop everything while disconnected).
    /// </summary>
    public int ReconnectBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Levels per side of a snapshot reply when the request names no depth. Default 5000; range 1..5000.</summary>
    public int SnapshotDepth { get; set; } = 5000;

    /// <summary>Queue group of the request/reply responders, so one silo answers each request. Default <c>md-bridge</c>.</summary>
    public string ResponderQueueGroup { get; set; } = "md-bridge";

    /// <summary>First delay between attempts while the first connect fails; doubled up to 5 s. Default 200 ms.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>JetStream settings (trades and candles streams).</summary>
    public NatsBridgeJetStreamOptions JetStream { get; set; } = new();
}
