using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Health;
using OrleansFeed.Redis.Internal;

namespace OrleansFeed.Redis.LastValues;

/// <summary>
/// Writes last values to Redis (<c>SET {prefix}:lv:{kind}:{id} {json} PX {ttl}</c>) at a bounded rate per key.
/// <see cref="Offer"/> only stores the latest value per key in memory; a background loop driven by the
/// <see cref="TimeProvider"/> writes each dirty key at most once per <see cref="RedisOptions.LastValueMinInterval"/>.
/// </summary>
/// <remarks>
/// Memory is bounded by <see cref="RedisOptions.LastValueMaxKeys"/> × <see cref="RedisOptions.LastValueMaxPayloadBytes"/>;
/// keys are never evicted (the key set, venue-symbols × kinds, is stable). While Redis is down nothing is written and
/// nothing is thrown: offers keep coalescing, failures are counted in <see cref="RedisHealth"/> and logged once per
/// episode, and every dirty key is written with its latest value when Redis returns. The loop ticks every half
/// interval so a due key waits at most half an interval. A DI singleton and hosted service; thread-safe.
/// </remarks>
public sealed partial class RedisLastValueWriter : ILastValueStore, IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Kind, string Id), LastValueSlot> _slots = new();
    private readonly IRedisConnection _connection;
    private readonly RedisHealth _health;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _minInterval;
    private readonly int _maxKeys;
    private readonly int _maxPayloadBytes;
    private readonly CancellationTokenSource _stopping = new();
    private int _keyCount;
    private int _keyLimitLogged;
    private Task? _loop;

    /// <summary>Creates the writer; the flush loop starts with <see cref="StartAsync"/>.</summary>
    /// <param name="connection">The shared Redis connection.</param>
    /// <param name="health">The shared health state, where counters are kept.</param>
    /// <param name="options">The options: prefix, TTL, interval and bounds.</param>
    /// <param name="timeProvider">The clock driving the rate bound and the flush loop.</param>
    /// <param name="logger">The logger.</param>
    public RedisLastValueWriter(IRedisConnection connection, RedisHealth health, IOptions<RedisOptions> options,
        TimeProvider timeProvider, ILogger<RedisLastValueWriter> logger)
    {
        _connection = connection;
        _health = health;
        _timeProvider = timeProvider;
        _logger = logger;
        var o = options.Value;
        _prefix = o.KeyPrefix;
        _ttl = o.LastValueTtl;
        _minInterval = o.LastValueMinInterval;
        _maxKeys = o.LastValueMaxKeys;
        _maxPayloadBytes = o.LastValueMaxPayloadBytes;
    }

    /// <summary>Last-value keys written successfully since start (same as the health snapshot's count).</summary>
    public long Writes => Interlocked.Read(ref _health.Writes);

    /// <summary>Offers that replaced a value not yet written.</summary>
    public long Coalesced => Interlocked.Read(ref _health.Coalesced);

    /// <summary>Failed write attempts (each retried later with the key's latest value).</summary>
    public long WriteFailures => Interlocked.Read(ref _health.WriteFailures);

    /// <inheritdoc/>
    public LastValueOfferStatus Offer(string kind, string id, ReadOnlySpan<byte> jsonPayload)
    {
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(id))
        {
            Interlocked.Increment(ref _health.Dropped);
            return LastValueOfferStatus.DroppedInvalid;
        }

        if (jsonPayload.Length > _maxPayloadBytes)
        {
            Interlocked.Increment(ref _health.Dropped);
            return LastValueOfferStatus.DroppedTooLarge;
        }

        if (!_slots.TryGetValue((kind, id), out var slot) && !TryAddSlot(kind, id, out slot))
        {
            Interlocked.Increment(ref _health.Dropped);
            return LastValueOfferStatus.DroppedKeyLimit;
        }

        bool replaced;
        lock (slot)
        {
            if (slot.Buffer.Length < jsonPayload.Length)
            {
                // Grows only; the buffer is reused by later offers of this key.
                slot.Buffer = new byte[Math.Max(jsonPayload.Length, slot.Buffer.Length * 2)];
            }

            jsonPayload.CopyTo(slot.Buffer);
            slot.Length = jsonPayload.Length;
            replaced = slot.Dirty;
            slot.Dirty = true;
            slot.Version++;
        }

        Interlocked.Increment(ref _health.Offers);
        if (replaced)
        {
            Interlocked.Increment(ref _health.Coalesced);
            return LastValueOfferStatus.Coalesced;
        }

        return LastValueOfferStatus.Accepted;
    }

    private bool TryAddSlot(string kind, string id, out LastValueSlot slot)
    {
        if (Volatile.Read(ref _keyCount) >= _maxKeys)
        {
            var key = RedisKeys.LastValue(_prefix, kind, id);
            if (Interlocked.Exchange(ref _keyLimitLogged, 1) == 0)
            {
                RedisLog.LastValueKeyLimitReached(_logger, _maxKeys, key);
            }

            slot = null!;
            return false;
        }

        var created = new LastValueSlot(RedisKeys.LastValue(_prefix, kind, id));
        if (_slots.TryAdd((kind, id), created))
        {
            Interlocked.Increment(ref _keyCount);
            Interlocked.Increment(ref _health.Keys);
            slot = created;
            return true;
        }

        slot = _slots[(kind, id)];
        return true;
    }
}
