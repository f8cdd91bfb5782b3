using OrleansFeed.Runtime.Activation;
using OrleansFeed.Runtime.Internal;

namespace OrleansFeed.Runtime.Timers;

/// <summary>
/// A grain timer, as Orleans' <c>RegisterTimer</c>: a <see cref="TimeProvider"/> timer whose ticks queue the
/// callback into the activation's turns. A tick is skipped while the previous tick's callback is still queued
/// or running, so a slow callback never piles up turns. Ticks do not count as use for idle collection.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _disposed = new();
    private ITimer? _timer;
    private int _tickInFlight;
    private long _skippedTicks;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback)
    {
        _activation = activation;
        _callback = callback;
    }

    /// <summary>Ticks skipped because the previous callback had not finished.</summary>
    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    public void Start(TimeSpan dueTime, TimeSpan period) =>
        _timer = _activation.TimeProvider.CreateTimer(static state => ((GrainTimer)state!).OnTick(), this, dueTime, period);

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _tickInFlight, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        _ = RunTickAsync();
    }

    private async Task RunTickAsync()
    {
        try
        {
            await _activation.RunTurnAsync(
                static async (_, timer) =>
                {
                    if (!timer._disposed.IsCancellationRequested)
                    {
                        await timer._callback(timer._disposed.Token).ConfigureAwait(false);
                    }

                    return true;
                },
                this,
                TurnKind.Timer).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Disposed while the callback ran: the expected way a timer stops.
        }
        catch (Exception ex)
        {
            RuntimeLog.TimerCallbackFaulted(_activation.Logger, _activation.GrainId, ex);
        }
        finally
        {
            Volatile.Write(ref _tickInFlight, 0);
        }
    }
}
