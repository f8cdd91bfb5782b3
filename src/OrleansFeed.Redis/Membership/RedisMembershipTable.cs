using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Internal;

namespace OrleansFeed.Redis.Membership;

/// <summary>
/// The cluster membership table in one Redis hash, <c>{prefix}:membership</c>: field = silo id, value = the
/// <see cref="SiloEntry"/> as JSON (camelCase, status as a string). Heartbeat and MarkDead are compare-and-set
/// (WATCH/MULTI/EXEC) so a late heartbeat cannot revive a silo another silo has declared dead.
/// </summary>
/// <remarks>
/// Thread-safe. Every method throws <see cref="RedisProviderException"/> when Redis is unavailable or holds an
/// entry that is not valid JSON. Dead entries are kept (Orleans keeps them too) so a restarted process uses a new id.
/// </remarks>
public sealed class RedisMembershipTable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly IRedisConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _key;

    /// <summary>Creates the table over the shared connection.</summary>
    /// <param name="connection">The shared Redis connection.</param>
    /// <param name="options">The options (for <see cref="RedisOptions.KeyPrefix"/>).</param>
    /// <param name="timeProvider">The clock stamping heartbeats.</param>
    /// <param name="logger">The logger.</param>
    public RedisMembershipTable(IRedisConnection connection, IOptions<RedisOptions> options, TimeProvider timeProvider,
        ILogger<RedisMembershipTable> logger)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
        _key = RedisKeys.Membership(options.Value.KeyPrefix);
    }

    /// <summary>Writes (inserts or replaces) a silo's entry as given.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Completes when stored.</returns>
    /// <exception cref="RedisProviderException">Redis failed.</exception>
    public Task UpsertAsync(SiloEntry entry, CancellationToken cancellationToken = default) =>
        _connection.HashSetAsync(_key, entry.SiloId, Serialize(entry), cancellationToken);

    /// <summary>Sets a silo's heartbeat to now (TimeProvider, UTC ms), unless it is missing or dead.</summary>
    /// <param name="siloId">The silo.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when stamped; false when the silo has no entry or is <see cref="SiloStatus.Dead"/> (it must stop).</returns>
    /// <exception cref="RedisProviderException">Redis failed.</exception>
    public Task<bool> HeartbeatAsync(string siloId, CancellationToken cancellationToken = default) =>
        UpdateAsync(siloId, e => e.Status == SiloStatus.Dead ? null : e with { HeartbeatUtcMs = NowUtcMs() }, cancellationToken);

    /// <summary>Marks a silo dead.</summary>
    /// <param name="siloId">The silo.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when it changed to dead; false when missing or already dead.</returns>
    /// <exception cref="RedisProviderException">Redis failed.</exception>
    public async Task<bool> MarkDeadAsync(string siloId, CancellationToken cancellationToken = default)
    {
        var changed = await UpdateAsync(siloId, e => e.Status == SiloStatus.Dead ? null : e with { Status = SiloStatus.Dead },
            cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            RedisLog.SiloMarkedDead(_logger, siloId);
        }

        return changed;
    }

    /// <summary>Reads every entry, including dead ones.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The entries, in Redis hash order (unordered).</returns>
    /// <exception cref="RedisProviderException">Redis failed or an entry is not valid JSON.</exception>
    public async Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var fields = await _connection.HashGetAllAsync(_key, cancellationToken).ConfigureAwait(false);
        var entries = new List<SiloEntry>(fields.Count);
        foreach (var field in fields)
        {
            entries.Add(Deserialize(field.Value));
        }

        return entries;
    }

    private async Task<bool> UpdateAsync(string siloId, Func<SiloEntry, SiloEntry?> change, CancellationToken cancellationToken)
    {
        // Optimistic: retry when another silo changed the entry between our read and our write.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var current = await _connection.HashGetAsync(_key, siloId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            var updated = change(Deserialize(current));
            if (updated is null)
            {
                return false;
            }

            if (await _connection.HashCompareAndSetAsync(_key, siloId, current, Serialize(updated), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private long NowUtcMs() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static byte[] Serialize(SiloEntry entry) => JsonSerializer.SerializeToUtf8Bytes(entry, JsonOptions);

    private SiloEntry Deserialize(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<SiloEntry>(json, JsonOptions)
                ?? throw new JsonException("null entry");
        }
        catch (JsonException ex)
        {
            throw new RedisProviderException(RedisFailureKind.InvalidData, "HGET", _key, ex);
        }
    }
}
