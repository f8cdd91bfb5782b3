using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Internal;
using Orleans.Runtime;
using Orleans.Storage;

namespace OrleansFeed.Redis.Storage;

/// <summary>
/// Grain storage in Redis, as Orleans' <c>RedisGrainStorage</c>: one string key per grain,
/// <c>{prefix}:grain:{grainType}:{grainKey}</c>, holding the state as UTF-8 JSON (System.Text.Json, web defaults:
/// camelCase names). No TTL, no ETag: last writer wins. Within one silo a grain has one activation; silos sharing one Redis each run their own activation of the same grain (the silo cluster issue brings Orleans directory-based placement), so the last silo to save wins.
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

    /// <summary>Creates the storage.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">Redis settings (key prefix).</param>
    /// <param name="logger">Logger.</param>
    public RedisGrainStorage(IRedisConnection connection, IOptions<RedisOptions> options, ILogger<RedisGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _prefix = options.Value.KeyPrefix;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="RedisProviderException">Redis failed, or the stored value is not a <typeparamref name="T"/> (<see cref="RedisFailureKind.InvalidData"/>).</exception>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = KeyOf(stateName, grainId);
        try
        {
            var bytes = await _connection.StringGetAsync(key, CancellationToken.None).ConfigureAwait(false);
            if (bytes is null)
            {
                grainState.RecordExists = false;
                return;
            }

            grainState.State = JsonSerializer.Deserialize<T>(bytes, JsonOptions)!;
            grainState.RecordExists = true;
        }
        catch (JsonException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "read", key, ex);
            throw new RedisProviderException(RedisFailureKind.InvalidData, "GET", key, ex);
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "read", key, ex);
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="RedisProviderException">Redis failed.</exception>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = KeyOf(stateName, grainId);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(grainState.State, JsonOptions);
        try
        {
            await _connection.StringSetAsync(key, bytes, expiry: null, CancellationToken.None).ConfigureAwait(false);
            grainState.RecordExists = true;
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "write", key, ex);
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="RedisProviderException">Redis failed.</exception>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = KeyOf(stateName, grainId);
        try
        {
            await _connection.KeyDeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
            grainState.RecordExists = false;
        }
        catch (RedisProviderException ex)
        {
            RedisLog.GrainStorageFailed(_logger, "clear", key, ex);
            throw;
        }
    }

    private string KeyOf(string stateName, GrainId grainId) => RedisKeys.Grain(_prefix, $"{grainId.Type}/{stateName}", grainId.Key.ToString());
}
