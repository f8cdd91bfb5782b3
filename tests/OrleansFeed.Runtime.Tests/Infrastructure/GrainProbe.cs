using System.Collections.Concurrent;

namespace OrleansFeed.Runtime.Tests.Infrastructure;

/// <summary>What the test grains saw: activations, deactivations, overlap of turns, and an ordered event log.</summary>
public sealed class GrainProbe
{
    private readonly ConcurrentDictionary<string, int> _activations = new();
    private readonly ConcurrentQueue<string> _log = new();
    private int _concurrent;
    private int _maxConcurrent;

    public ConcurrentQueue<(string Key, DeactivationReason Reason)> Deactivations { get; } = new();

    public TaskCompletionSource<DeactivationReason> Deactivated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public IReadOnlyList<string> Log => [.. _log];

    public int Activations(string key) => _activations.GetValueOrDefault(key);

    public void Activated(string key) => _activations.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void Record(string entry) => _log.Enqueue(entry);

    public void OnDeactivated(string key, DeactivationReason reason)
    {
        Deactivations.Enqueue((key, reason));
        Deactivated.TrySetResult(reason);
    }

    /// <summary>Marks a turn's start; dispose at its end. Records the largest number of overlapping turns.</summary>
    public TurnScope Enter()
    {
        var now = Interlocked.Increment(ref _concurrent);
        int seen;
        while ((seen = Volatile.Read(ref _maxConcurrent)) < now && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        return new TurnScope(this);
    }

    public readonly struct TurnScope(GrainProbe probe) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref probe._concurrent);
    }
}
