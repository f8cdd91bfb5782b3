using System.Net.WebSockets;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Heartbeats on their own timer; the slow-consumer watchdog and the retry of conflated books on another.</summary>
internal sealed partial class WebSocketSession
{
    private long _queueFullSince;

    private Task TimerLoopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(HeartbeatLoopAsync(cancellationToken), WatchdogLoopAsync(cancellationToken));

    /// <summary>
    /// Heartbeats on their own timer at exactly <c>HeartbeatInterval</c>: on the watchdog's tick (which is also bounded by
    /// a quarter of <c>SlowConsumerTimeout</c>) a 10 s heartbeat came every 15 s (the first tick past 10 s at 7.5 s steps).
    /// </summary>
    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_ws.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                TryEnqueue(OutboundMessage.Heartbeat(Timestamp.Now(_time)));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WatchdogLoopAsync(CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Min(_ws.HeartbeatInterval.Ticks, Math.Min(_ws.SlowConsumerTimeout.Ticks, _ws.SendTimeout.Ticks) / 4));
        using var timer = new PeriodicTimer(tick < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (IsSlowConsumer(_time.GetTimestamp()))
                {
                    DisconnectSlowConsumer();
                    return;
                }

                MarkConflated(); // Also retries snapshot fetches that failed.
                if (HasRoomForSnapshot)
                {
                    ResumeConflated();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A send blocked for <c>SendTimeout</c>, or the queue full at every tick for <c>SlowConsumerTimeout</c>.</summary>
    private bool IsSlowConsumer(long now)
    {
        var sendStarted = Volatile.Read(ref _sendStartedAt);
        if (sendStarted != 0 && _time.GetElapsedTime(sendStarted, now) >= _ws.SendTimeout)
        {
            return true;
        }

        if (_queue.Reader.Count < _ws.SendQueueCapacity)
        {
            _queueFullSince = 0;
            return false;
        }

        if (_queueFullSince == 0)
        {
            _queueFullSince = now;
            return false;
        }

        return _time.GetElapsedTime(_queueFullSince, now) >= _ws.SlowConsumerTimeout;
    }

    private void DisconnectSlowConsumer()
    {
        Stats.MarkSlowConsumer();
        _metrics.SlowDisconnect();
        ApiLog.SlowConsumerDisconnected(_logger, Stats.Id, _queue.Reader.Count, _ws.SendQueueCapacity, Stats.Conflations);
        _closeStatus = WebSocketCloseStatus.PolicyViolation;
        _closeReason = "slow consumer";
        _closing.Cancel();
    }
}
