namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>A clock moved only by the test. Timers fire inside <see cref="Advance"/> (outside the clock's lock) for every
/// due time passed, so a grain timer's tick is queued when Advance returns; no timer fires on its own.</summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TestTimer> _timers = [];
    private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return new DateTimeOffset(_ticks, TimeSpan.Zero);
        }
    }

    public void Advance(TimeSpan by)
    {
        List<(TimerCallback Callback, object? State)> due = [];
        lock (_lock)
        {
            _ticks += by.Ticks;
            foreach (var timer in _timers)
            {
                while (timer.Due is { } at && at <= _ticks)
                {
                    due.Add((timer.Callback, timer.State));
                    timer.Due = timer.Period > TimeSpan.Zero ? at + timer.Period.Ticks : null;
                }
            }
        }

        foreach (var (callback, state) in due)
        {
            callback(state);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TestTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class TestTimer(TestClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public long? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._ticks + dueTime.Ticks;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                Due = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
