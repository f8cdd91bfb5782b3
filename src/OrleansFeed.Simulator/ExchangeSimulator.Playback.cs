using OrleansFeed.Simulator.Internal;

namespace OrleansFeed.Simulator;

public sealed partial class ExchangeSimulator
{
    private readonly Lock _pauseLock = new();
    private readonly Lock _playLock = new();
    private TaskCompletionSource? _paused;
    private long _frameDelayTicks;
    private int _position;

    private async Task PlaybackLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _startSignal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.PlaybackStarted(_logger, _frames.Length, _options.PlaybackSpeed);
            var anchorWall = _time.GetTimestamp();
            var anchorRecorded = _frames.Length > 0 ? _frames[0].PlayTime : default;
            var nextGate = 0;
            var gates = _books.ByTime;
            for (var i = 0; i < _frames.Length; i++)
            {
                var frame = _frames[i];
                if (await WaitWhilePausedAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Pacing restarts from here so a pause does not turn into a burst afterwards.
                    anchorWall = _time.GetTimestamp();
                    anchorRecorded = frame.PlayTime;
                }

                var extra = Interlocked.Read(ref _frameDelayTicks);
                if (extra > 0)
                {
                    await Task.Delay(TimeSpan.FromTicks(extra), _time, cancellationToken).ConfigureAwait(false);
                }

                if (_options.PlaybackSpeed > 0)
                {
                    var due = TimeSpan.FromTicks((long)((frame.PlayTime.UnixMicroseconds - anchorRecorded.UnixMicroseconds) * 10 / _options.PlaybackSpeed));
                    var wait = due - _time.GetElapsedTime(anchorWall);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    }
                }
                else if ((i & 255) == 255)
                {
                    // Flat out, but let Kestrel and the send loops run on a small machine.
                    await Task.Yield();
                }

                // Snapshots recorded before this frame was received are now "in the past" for REST callers.
                if (frame.Venue is null)
                {
                    while (nextGate < gates.Count && gates[nextGate].RecordedAt <= frame.Time)
                    {
                        gates[nextGate++].MarkReached();
                    }
                }
                else
                {
                    _restSnapshots.Advance(frame.VenueId, frame.Time);
                }

                // One lock with the subscribe path: a venue client's snapshot catch-up and the live frames it then
                // receives meet exactly at the position, with no frame lost or sent twice.
                lock (_playLock)
                {
                    if (frame.Venue is null)
                    {
                        Play(frame);
                    }
                    else
                    {
                        PlayVenueFrame(frame);
                    }

                    Volatile.Write(ref _position, i + 1);
                }
            }

            foreach (var book in gates)
            {
                book.MarkReached();
            }

            _restSnapshots.MarkAll();

            Log.PlaybackCompleted(_logger, _frames.Length, FramesSent, DiffsDropped, _books.Gaps);
            _completed.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _completed.TrySetCanceled(cancellationToken);
        }
    }

    private void Play(PlaybackFrame frame)
    {
        if (frame.DiffSymbol is { } symbol)
        {
            // The true book takes every recorded diff, even one withheld from clients below.
            _books.ApplyDiff(frame);
            if (ShouldDrop(frame.VenueId, symbol))
            {
                Interlocked.Increment(ref _diffsDropped);
                return;
            }

            if (TryCorruptBinance(frame, symbol) is { } corrupted)
            {
                frame = corrupted;
            }
        }

        foreach (var client in _clients)
        {
            if (client.Wants(frame))
            {
                Enqueue(client, client.Combined ? frame.Combined : frame.Raw);
            }
        }
    }

    /// <summary>Waits while paused; true when it did wait.</summary>
    private async ValueTask<bool> WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        var paused = Volatile.Read(ref _paused);
        if (paused is null)
        {
            return false;
        }

        await paused.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
