using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OrleansFeed.Api.Security.Audit;

/// <summary>
/// Security events as structured logs under the category <see cref="Category"/> (<c>OrleansFeed.Audit</c>, event ids
/// 5800-5899, listed in docs/security.md) and per-client use counters (<see cref="UsesOf"/>; meter
/// <c>OrleansFeed.Audit</c>). Secrets (keys, tokens, passwords) are never passed to it. Thread-safe.
/// </summary>
public sealed partial class AuditLog
{
    /// <summary>The log category and meter name: <c>OrleansFeed.Audit</c>.</summary>
    public const string Category = "OrleansFeed.Audit";

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _uses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly Counter<long> _useCounter;
    private readonly Counter<long> _failureCounter;
    private readonly Counter<long> _refusedCounter;

    /// <summary>Creates the audit log.</summary>
    /// <param name="loggers">Logger factory; the category is <see cref="Category"/>.</param>
    /// <param name="meters">Meter factory.</param>
    public AuditLog(ILoggerFactory loggers, IMeterFactory meters)
    {
        _logger = loggers.CreateLogger(Category);
        var meter = meters.Create(Category);
        _useCounter = meter.CreateCounter<long>("orleansfeed.audit.credential_uses", "{request}", "Requests and WebSocket upgrades authenticated, by client.");
        _failureCounter = meter.CreateCounter<long>("orleansfeed.audit.auth_failures", "{request}", "Authentication failures, by scheme and reason.");
        _refusedCounter = meter.CreateCounter<long>("orleansfeed.audit.refused", "{request}", "Requests refused (401, 429), by status.");
    }

    /// <summary>Successful authentications of <paramref name="client"/> (e.g. <c>key:alice</c>, <c>jwt:svc-1</c>) since start.</summary>
    /// <param name="client">The client name as in the audit events.</param>
    /// <returns>The count; 0 when never seen.</returns>
    public long UsesOf(string client) => _uses.GetValueOrDefault(client);

    /// <summary>Authentication failures of <paramref name="scheme"/> since start.</summary>
    /// <param name="scheme">The scheme name (<c>ApiKey</c>, <c>Bearer</c>).</param>
    /// <returns>The count.</returns>
    public long FailuresOf(string scheme) => _failures.GetValueOrDefault(scheme);

    /// <summary>Counts one authenticated request or upgrade of <paramref name="client"/> (counted, not logged: it is per request).</summary>
    /// <param name="client">The client name.</param>
    public void CredentialUsed(string client)
    {
        _uses.AddOrUpdate(client, 1, static (_, n) => n + 1);
        _useCounter.Add(1, new KeyValuePair<string, object?>("client", client));
    }

    /// <summary>Logs and counts a failed authentication (unknown key, bad or expired token). Never given the credential.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="reason">Why, e.g. <c>unknown API key</c>, <c>token expired</c>.</param>
    /// <param name="remote">Remote IP address.</param>
    /// <param name="path">Request path.</param>
    public void AuthenticationFailed(string scheme, string reason, string? remote, string path)
    {
        _failures.AddOrUpdate(scheme, 1, static (_, n) => n + 1);
        _failureCounter.Add(1, new KeyValuePair<string, object?>("scheme", scheme));
        LogAuthenticationFailed(scheme, reason, remote, path);
    }

    /// <summary>Logs and counts a refused request (401 without valid credentials, 429 over a limit).</summary>
    /// <param name="client">The client (<c>ip:…</c> when anonymous).</param>
    /// <param name="path">Request path.</param>
    /// <param name="status">HTTP status sent.</param>
    /// <param name="reason">Why.</param>
    public void RequestRefused(string client, string path, int status, string reason)
    {
        _refusedCounter.Add(1, new KeyValuePair<string, object?>("status", status));
        LogRequestRefused(client, path, status, reason);
    }

    [LoggerMessage(EventId = 5800, EventName = "SecurityConfigured", Level = LogLevel.Information,
        Message = "Security configuration: bind {Bind}:{Port}, https {Https}, API keys {ApiKeys}, JWT {Jwt}, anonymous {Anonymous}, open paths {OpenPaths}")]
    internal partial void SecurityConfigured(string bind, int port, bool https, bool apiKeys, bool jwt, bool anonymous, string openPaths);

    [LoggerMessage(EventId = 5801, EventName = "LoopbackOnly", Level = LogLevel.Information,
        Message = "No authentication configured: the API listens on loopback {Bind} only. To serve other hosts configure API keys (--api-keys) or JWT and pass --bind")]
    internal partial void LoopbackOnly(string bind);

    [LoggerMessage(EventId = 5802, EventName = "AnonymousPublicBind", Level = LogLevel.Warning,
        Message = "The API listens on {Bind} WITHOUT authentication (--allow-anonymous): anyone who reaches the port is served")]
    internal partial void AnonymousPublicBind(string bind);

    [LoggerMessage(EventId = 5810, EventName = "ApiKeysLoaded", Level = LogLevel.Information, Message = "API keys loaded from {Path}: {Count} key(s)")]
    internal partial void ApiKeysLoaded(string path, int count);

    [LoggerMessage(EventId = 5811, EventName = "ApiKeysReloadFailed", Level = LogLevel.Error, Message = "API key file {Path} changed but was not loaded ({Reason}); the previous keys stay in force")]
    internal partial void ApiKeysReloadFailed(string path, string reason);

    [LoggerMessage(EventId = 5820, EventName = "AuthenticationFailed", Level = LogLevel.Warning, Message = "Authentication failed: scheme {Scheme}, {Reason}, from {Remote}, path {Path}")]
    private partial void LogAuthenticationFailed(string scheme, string reason, string? remote, string path);

    [LoggerMessage(EventId = 5830, EventName = "RequestRefused", Level = LogLevel.Warning, Message = "Request refused: client {Client}, path {Path}, status {Status}, {Reason}")]
    private partial void LogRequestRefused(string client, string path, int status, string reason);

    [LoggerMessage(EventId = 5840, EventName = "WebSocketOpened", Level = LogLevel.Information, Message = "WebSocket session {SessionId} opened by {Client} (tier {Tier}, credential expires {ExpiresAt})")]
    internal partial void WebSocketOpened(long sessionId, string client, string tier, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 5841, EventName = "SubscriptionAdded", Level = LogLevel.Information, Message = "WebSocket session {SessionId} of {Client} subscribed to {Channel} {Key}")]
    internal partial void SubscriptionAdded(long sessionId, string client, string channel, string key);

    [LoggerMessage(EventId = 5842, EventName = "SubscriptionRemoved", Level = LogLevel.Information, Message = "WebSocket session {SessionId} of {Client} unsubscribed from {Channel} {Key}")]
    internal partial void SubscriptionRemoved(long sessionId, string client, string channel, string key);

    [LoggerMessage(EventId = 5843, EventName = "SubscriptionRefused", Level = LogLevel.Warning, Message = "WebSocket session {SessionId} of {Client} refused a subscription: limit {Limit} of tier {Tier}")]
    internal partial void SubscriptionRefused(long sessionId, string client, int limit, string tier);

    [LoggerMessage(EventId = 5844, EventName = "WebSocketClosedByPolicy", Level = LogLevel.Warning, Message = "WebSocket session {SessionId} of {Client} closed: {Reason}")]
    internal partial void WebSocketClosedByPolicy(long sessionId, string client, string reason);
}
