namespace OrleansFeed.Redis.Connection;

/// <summary>
/// The Redis commands this provider uses, in our own types (byte arrays, strings, <see cref="TimeSpan"/>), so no
/// StackExchange.Redis type leaks to callers. Implemented by <see cref="RedisConnection"/> over one shared multiplexer.
/// </summary>
/// <remarks>
/// Thread-safe. Every async method throws <see cref="RedisProviderException"/> on failure (kind says why) and
/// <see cref="OperationCanceledException"/> when <c>cancellationToken</c> fires; a cancelled command may still
/// run on the server. Values are raw bytes (our values are UTF-8 JSON).
/// </remarks>
public interface IRedisConnection
{
    /// <summary>True while the connection to the server is up. False before the first connect completes.</summary>
    bool IsConnected { get; }

    /// <summary>Starts the lazy connect if it has not started; returns at once and never throws.</summary>
    void EnsureStarted();

    /// <summary>GET: the value of a string key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or null when the key does not exist.</returns>
    /// <seealso href="https://redis.io/commands/get/"/>
    Task<byte[]?> StringGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>SET (with PX when <paramref name="expiry"/> is given): replaces a string key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value; the array is not copied, do not change it until the task completes.</param>
    /// <param name="expiry">Time to live, or null for none.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes when the server acknowledged.</returns>
    /// <seealso href="https://redis.io/commands/set/"/>
    Task StringSetAsync(string key, byte[] value, TimeSpan? expiry, CancellationToken cancellationToken = default);

    /// <summary>DEL: removes a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when the key existed.</returns>
    /// <seealso href="https://redis.io/commands/del/"/>
    Task<bool> KeyDeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>PTTL: the remaining time to live of a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The time left, or null when the key does not exist or has no expiry.</returns>
    /// <seealso href="https://redis.io/commands/pttl/"/>
    Task<TimeSpan?> KeyTimeToLiveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>HSET: sets one field of a hash.</summary>
    /// <param name="key">The hash key.</param>
    /// <param name="field">The field.</param>
    /// <param name="value">The value; not copied.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes when the server acknowledged.</returns>
    /// <seealso href="https://redis.io/commands/hset/"/>
    Task HashSetAsync(string key, string field, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>HGET: one field of a hash.</summary>
    /// <param name="key">The hash key.</param>
    /// <param name="field">The field.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value, or null when the field or hash does not exist.</returns>
    /// <seealso href="https://redis.io/commands/hget/"/>
    Task<byte[]?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default);

    /// <summary>HGETALL: every field of a hash.</summary>
    /// <param name="key">The hash key.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Field/value pairs in server order; empty when the hash does not exist.</returns>
    /// <seealso href="https://redis.io/commands/hgetall/"/>
    Task<IReadOnlyList<KeyValuePair<string, byte[]>>> HashGetAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a hash field only if its current value equals <paramref name="expected"/> (WATCH/MULTI/EXEC), an
    /// optimistic compare-and-set (a writer that read a value cannot overwrite a newer one).
    /// </summary>
    /// <param name="key">The hash key.</param>
    /// <param name="field">The field.</param>
    /// <param name="expected">The value read earlier, or null to require that the field does not exist.</param>
    /// <param name="value">The new value; not copied.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when set; false when the field had changed.</returns>
    /// <seealso href="https://redis.io/docs/latest/develop/interact/transactions/"/>
    Task<bool> HashCompareAndSetAsync(string key, string field, byte[]? expected, byte[] value, CancellationToken cancellationToken = default);

    /// <summary>HDEL: removes one field of a hash.</summary>
    /// <param name="key">The hash key.</param>
    /// <param name="field">The field.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when the field existed.</returns>
    /// <seealso href="https://redis.io/commands/hdel/"/>
    Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default);
}
