using StackExchange.Redis;

namespace OrleansFeed.Redis.Connection;

/// <summary>The commands of <see cref="IRedisConnection"/>, each mapped onto SE.Redis and its exceptions onto ours.</summary>
public sealed partial class RedisConnection
{
    /// <inheritdoc/>
    public Task<byte[]?> StringGetAsync(string key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("GET", key, async db => (byte[]?)await db.StringGetAsync(key).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc/>
    public Task StringSetAsync(string key, byte[] value, TimeSpan? expiry, CancellationToken cancellationToken = default) =>
        ExecuteAsync("SET", key, db => db.StringSetAsync(key, value, expiry is { } ttl ? new Expiration(ttl) : Expiration.Default), cancellationToken);

    /// <inheritdoc/>
    public Task<bool> KeyDeleteAsync(string key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DEL", key, db => db.KeyDeleteAsync(key), cancellationToken);

    /// <inheritdoc/>
    public Task<TimeSpan?> KeyTimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("PTTL", key, db => db.KeyTimeToLiveAsync(key), cancellationToken);

    /// <inheritdoc/>
    public Task HashSetAsync(string key, string field, byte[] value, CancellationToken cancellationToken = default) =>
        ExecuteAsync("HSET", key, db => db.HashSetAsync(key, field, value), cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default) =>
        ExecuteAsync("HGET", key, async db => (byte[]?)await db.HashGetAsync(key, field).ConfigureAwait(false), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("HGETALL", key, async db =>
        {
            var entries = await db.HashGetAllAsync(key).ConfigureAwait(false);
            var result = new KeyValuePair<string, byte[]>[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                result[i] = new KeyValuePair<string, byte[]>(entries[i].Name!, entries[i].Value!);
            }

            return (IReadOnlyList<KeyValuePair<string, byte[]>>)result;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> HashCompareAndSetAsync(string key, string field, byte[]? expected, byte[] value, CancellationToken cancellationToken = default) =>
        ExecuteAsync("HSET(CAS)", key, db =>
        {
            var transaction = db.CreateTransaction();
            transaction.AddCondition(expected is null
                ? Condition.HashNotExists(key, field)
                : Condition.HashEqual(key, field, expected));

            // The queued command's own task is cancelled when the condition fails; ExecuteAsync's result says so.
            _ = transaction.HashSetAsync(key, field, value).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return transaction.ExecuteAsync();
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> HashDeleteAsync(string key, string field, CancellationToken cancellationToken = default) =>
        ExecuteAsync("HDEL", key, db => db.HashDeleteAsync(key, field), cancellationToken);

    private Task ExecuteAsync(string operation, string key, Func<IDatabase, Task> command, CancellationToken cancellationToken) =>
        ExecuteAsync(operation, key, async db =>
        {
            await command(db).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async Task<T> ExecuteAsync<T>(string operation, string key, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await GetMultiplexerAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new RedisProviderException(RedisFailureKind.ConnectionUnavailable, operation, key, ex);
        }

        try
        {
            return await command(multiplexer.GetDatabase()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisConnectionException ex)
        {
            ObserveState(false, ex.FailureType.ToString(), ex.Message);
            throw new RedisProviderException(RedisFailureKind.ConnectionUnavailable, operation, key, ex);
        }
        catch (TimeoutException ex)
        {
            _health.RecordError(ex.Message);
            throw new RedisProviderException(RedisFailureKind.Timeout, operation, key, ex);
        }
        catch (RedisException ex)
        {
            _health.RecordError(ex.Message);
            throw new RedisProviderException(RedisFailureKind.ServerError, operation, key, ex);
        }
    }
}
