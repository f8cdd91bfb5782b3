using System.Net.WebSockets;
using OrleansFeed.Api.Diagnostics;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>Heartbeats, the slow-consumer watchdog and the retry of conflated books, on one timer.</summary>
internal sealed partial class WebSocketSession
{
    private long _queueFullSince;

    private async Task TimerLoopAsync(CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Min(_ws.HeartbeatInterval.Ticks, _ws.SlowConsumerTimeout.Ticks / 4));
        using var timer = new PeriodicTimer(tick < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : tick, _time);
        var lastHeartbeat = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _time.GetTimestamp();
                if (_time.GetElapsedTime(lastHeartbeat, now) >= _ws.HeartbeatInterval)
                {
                    lastHeartbeat = now;
                    TryEnqueue(OutboundMessage.Heartbeat(Timestamp.Now(_time)));
                }

                if (IsSlowConsumer(now))
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

    /// <summary>A send blocked for the timeout, or the queue full at every tick for the timeout.</summary>
    private bool IsSlowConsumer(long now)
    {
        var sendStarted = Volatile.Read(ref _sendStartedAt);
        if (sendStarted != 0 && _time.GetElapsedTime(sendStarted, now) >= _ws.SlowConsumerTimeout)
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
