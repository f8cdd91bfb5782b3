using OrleansFeed.Redis.Internal;

namespace OrleansFeed.Redis.LastValues;

/// <summary>The flush pass and the background loop of <see cref="RedisLastValueWriter"/>.</summary>
public sealed partial class RedisLastValueWriter
{
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly List<PendingWrite> _pending = [];
    private bool _failing;
    private long _episodeFailures;
    private int _disposed;

    /// <summary>
    /// Writes every dirty key whose last write attempt is at least <see cref="RedisOptions.LastValueMinInterval"/>
    /// old (per the TimeProvider), each with its latest value. Skips the pass while disconnected. Used by the
    /// background loop; tests call it directly under a fake clock. Never throws except on cancellation.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting for the writes of this pass.</param>
    /// <returns>The number of keys written in this pass.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public Task<int> FlushAsync(CancellationToken cancellationToken = default) => FlushCoreAsync(force: false, cancellationToken);

    /// <summary>Starts the background flush loop; returns at once (Redis may still be down).</summary>
    /// <param name="cancellationToken">Unused; the loop stops with <see cref="StopAsync"/>.</param>
    /// <returns>A completed task.</returns>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connection.EnsureStarted();
        _loop ??= RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops the loop, then writes every dirty key once more, ignoring the rate bound (best effort).</summary>
    /// <param name="cancellationToken">Bounds the final flush (the host's shutdown timeout).</param>
    /// <returns>Completes when stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        try
        {
            await FlushCoreAsync(force: true, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown timeout reached: the last values expire by TTL anyway.
        }
    }

    /// <summary>Stops the loop without a final flush; idempotent (DI may dispose it once per registration).</summary>
    /// <returns>Completes when the loop has ended.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Half the interval: a key becoming due waits at most half an interval for the next pass.
        var period = TimeSpan.FromTicks(Math.Max(_minInterval.Ticks / 2, TimeSpan.TicksPerMillisecond));
        using var timer = new PeriodicTimer(period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushCoreAsync(force: false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            RedisLog.LastValueFlushLoopFailed(_logger, ex);
        }
    }

    private async Task<int> FlushCoreAsync(bool force, CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            // Values stay dirty and coalesce; the connection reconnects on its own and logs the outage once.
            _connection.EnsureStarted();
            return 0;
        }

        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StartDueWrites(force);
            return await CompleteWritesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.Clear();
            _flushGate.Release();
        }
    }

    private void StartDueWrites(bool force)
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var (_, slot) in _slots)
        {
            byte[] payload;
            long version;
            lock (slot)
            {
                if (!slot.Dirty || (!force && slot.Attempted && _timeProvider.GetElapsedTime(slot.LastAttemptTimestamp, now) < _minInterval))
                {
                    continue;
                }

                // IRedisConnection takes whole arrays; one copy per write, at most one write per key per interval.
                payload = slot.Buffer.AsSpan(0, slot.Length).ToArray();
                version = slot.Version;
                slot.Dirty = false;
                slot.Attempted = true;
                slot.LastAttemptTimestamp = now;
            }

            // Commands are pipelined on the one connection; awaited together below.
            _pending.Add(new PendingWrite(slot, version, _connection.StringSetAsync(slot.RedisKey, payload, _ttl, CancellationToken.None)));
        }
    }

    private async Task<int> CompleteWritesAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var write in _pending)
        {
            try
            {
                await write.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                written++;
                Interlocked.Increment(ref _health.Writes);
                if (_failing)
                {
                    _failing = false;
                    RedisLog.LastValueWritesResumed(_logger, _episodeFailures);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                OnWriteFailed(write, ex);
            }
        }

        return written;
    }

    private void OnWriteFailed(PendingWrite write, Exception ex)
    {
        lock (write.Slot)
        {
            // Keep the value for a retry unless a newer offer already replaced it (then that one is dirty).
            if (write.Slot.Version == write.Version)
            {
                write.Slot.Dirty = true;
            }
        }

        Interlocked.Increment(ref _health.WriteFailures);
        _health.RecordError(ex.Message);
        if (!_failing)
        {
            _failing = true;
            _episodeFailures = 0;
            RedisLog.LastValueWritesFailing(_logger, ex.Message);
        }

        _episodeFailures++;
    }

    private readonly record struct PendingWrite(LastValueSlot Slot, long Version, Task Task);
}
