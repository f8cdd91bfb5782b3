using OrleansFeed.Nats.Internal;

namespace OrleansFeed.Nats;

/// <summary>Detects a lost socket and reconnects with exponential backoff plus jitter.</summary>
public sealed partial class NatsConnection
{
    /// <summary>Waits for the socket to end, then reconnects until it succeeds, gives up, or is disposed.</summary>
    private async Task SuperviseAsync(NatsSocket socket)
    {
        var error = await socket.Completion.ConfigureAwait(false);
        if (_state == NatsConnectionState.Disposed)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_state == NatsConnectionState.Disposed)
            {
                return;
            }

            _state = NatsConnectionState.Reconnecting;
            _socket = null;
            _opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        finally
        {
            _writeLock.Release();
        }

        await socket.DisposeAsync().ConfigureAwait(false);
        _logger.Disconnected(Opts.Url, error);
        Raise(ConnectionDisconnected, nameof(ConnectionDisconnected), new NatsEventArgs($"NATS disconnected: url={Opts.Url}", 0, error));

        for (var attempt = 1; ; attempt++)
        {
            if (Opts.MaxReconnectRetry >= 0 && attempt > Opts.MaxReconnectRetry)
            {
                await GiveUpAsync(attempt - 1).ConfigureAwait(false);
                return;
            }

            try
            {
                await Task.Delay(Backoff(attempt), Opts.TimeProvider, _disposeCts.Token).ConfigureAwait(false);
                var next = await EstablishAsync(attempt, _disposeCts.Token).ConfigureAwait(false);
                _ = SuperviseAsync(next);
                return;
            }
            catch (Exception) when (_state == NatsConnectionState.Disposed)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.ReconnectFailed(Opts.Url, attempt, ex);
                Raise(ReconnectFailed, nameof(ReconnectFailed), new NatsEventArgs($"NATS reconnect failed: url={Opts.Url} attempt={attempt}", attempt, ex));
            }
        }
    }

    /// <summary>min(WaitMin * 2^(attempt-1), WaitMax) + uniform jitter in [0, ReconnectJitter).</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var ticks = Math.Min(Opts.ReconnectWaitMin.Ticks * (1L << exponent), Opts.ReconnectWaitMax.Ticks);
        var jitter = Opts.ReconnectJitter.Ticks > 0 ? Random.Shared.NextInt64(Opts.ReconnectJitter.Ticks) : 0;
        return TimeSpan.FromTicks(ticks + jitter);
    }

    private async Task GiveUpAsync(int attempts)
    {
        _logger.ReconnectGaveUp(Opts.Url, attempts);
        await DisposeAsync().ConfigureAwait(false);
    }
}
