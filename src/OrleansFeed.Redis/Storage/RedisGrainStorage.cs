using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Internal;
using OrleansFeed.Runtime;
using OrleansFeed.Runtime.Storage;

namespace OrleansFeed.Redis.Storage;

/// <summary>
/// Grain storage in Redis, as Orleans' <c>RedisGrainStorage</c>: one string key per grain,
/// <c>{prefix}:grain:{grainType}:{grainKey}</c>, holding the state as UTF-8 JSON (System.Text.Json, web defaults:
/// camelCase names). No TTL, no ETag: last writer wins. Within one silo a grain has one activation; silos sharing one Redis each run their own activation of the same grain (there is no cross-silo placement, docs/architecture.md), so the last silo to save wins.
/// </summary>
/// <remarks>
/// Registered by <see cref="Hosting.RedisHostingExtensions.AddRedisGrainStorage"/> in place of the in-memory
/// storage. Thread-safe. Every method throws <see cref="RedisProviderException"/> when Redis is unavailable, times
/// out or holds JSON that does not match <c>TState</c> (<see cref="RedisFailureKind.InvalidData"/>); failures are
/// also logged (event 4010).
/// </remarks>
public sealed class RedisGrainStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly IRedisConnection _connection;
    private readonly string _prefix;
    private readonly ILogger _logger;

    /// <summary>Creates the storage over the shared connection.</summary>
    /// <param name="connection">The shared Redis connection.</param>
    /// <param name="options">The options (for <see cref="RedisOptions.KeyPrefix"/>).</param>
    /// <param name="logger">The logger.</param>
    public RedisGrainStorage(IRedisConnection connection, IOptions<RedisOptions> options, ILogger<RedisGrainStorage> logger)
    {
        _connection = connection;
        _prefix = options.Value.KeyPrefix;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async Task<TState?> ReadStateAsync<TState>(GrainId grainId, CancellationToken cancellationToken = default)
        where TState : class
    {
        var key = KeyOf(grainId);
        try
        {
            var bytes = await _connection.StringGetAsync(key, cancellationToken).ConfigureAwait(false);
            return bytes is null ? null : JsonSerializer.Deserialize<TState>(bytes, JsonOptions);
        }
        catch (JsonException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "read", grainId.ToString(), ex);
            throw new RedisProviderException(RedisFailureKind.InvalidData, "GET", key, ex);
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "read", grainId.ToString(), ex);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<TState>(GrainId grainId, TState state, CancellationToken cancellationToken = default)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(state);
        var key = KeyOf(grainId);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, JsonOptions);
        try
        {
            await _connection.StringSetAsync(key, bytes, expiry: null, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "write", grainId.ToString(), ex);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        try
        {
            await _connection.KeyDeleteAsync(KeyOf(grainId), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "clear", grainId.ToString(), ex);
            throw;
        }
    }

    private string KeyOf(GrainId grainId) => RedisKeys.Grain(_prefix, grainId.Type, grainId.Key);
}
