using OrleansFeed.Grains.OrderBooks;

namespace OrleansFeed.Grains.Tests.Connectors;

/// <summary>What the <see cref="RecordingBookFeedGrain"/> saw, shared with the test (a silo singleton). Thread-safe.</summary>
public sealed class BookFeedRecorder
{
    private readonly Lock _lock = new();
    private readonly List<BookEventBatch> _batches = [];
    private readonly List<IReadOnlyList<(long LastUpdateId, string FirstPrice)>> _applied = [];

    /// <summary>When set, every call waits for it before applying (a call held in flight).</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>The 1-based call number that throws instead of applying; 0 = none.</summary>
    public int FailOnCall { get; set; }

    /// <summary>Calls started.</summary>
    public int Calls
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>Distinct batch objects the calls carried (by reference).</summary>
    public int DistinctBatches
    {
        get
        {
            lock (_lock)
            {
                return _batches.Distinct(ReferenceEqualityComparer.Instance).Count();
            }
        }
    }

    /// <summary>The events of each applied call, in call order.</summary>
    public IReadOnlyList<IReadOnlyList<(long LastUpdateId, string FirstPrice)>> Applied
    {
        get
        {
            lock (_lock)
            {
                return [.. _applied];
            }
        }
    }

    /// <summary>Every applied event's update id, in order.</summary>
    public IReadOnlyList<long> AppliedIds => [.. Applied.SelectMany(c => c.Select(e => e.LastUpdateId))];

    internal int OnCall(BookEventBatch batch)
    {
        lock (_lock)
        {
            _batches.Add(batch);
            return _batches.Count;
        }
    }

    internal void OnApplied(IReadOnlyList<(long LastUpdateId, string FirstPrice)> events)
    {
        lock (_lock)
        {
            _applied.Add(events);
        }
    }
}
