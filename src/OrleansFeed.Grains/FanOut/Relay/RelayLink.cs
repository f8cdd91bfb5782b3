using Orleans.Runtime;

namespace OrleansFeed.Grains.FanOut.Relay;

/// <summary>
/// On a subscriber's silo: one followed stream whose producer may be elsewhere. Lives while the stream has a
/// cluster-scope subscription here; remembers where its producer was found, and numbers attach attempts so a newer
/// attempt supersedes an older one still waiting.
/// </summary>
internal sealed class RelayLink(FanOutStreamId stream, RelayKind kind)
{
    private readonly CancellationTokenSource _ended = new();
    private int _attempt;

    public FanOutStreamId Stream { get; } = stream;

    public RelayKind Kind { get; } = kind;

    /// <summary>Where the producer was found by the last successful attach; null before and while re-attaching.</summary>
    public SiloAddress? ProducerSilo { get; set; }

    /// <summary>Cancelled when the last local subscriber leaves.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>Starts a new attach attempt.</summary>
    /// <returns>Its number.</returns>
    public int NextAttempt() => Interlocked.Increment(ref _attempt);

    /// <summary>Whether <paramref name="attempt"/> is still the latest.</summary>
    public bool IsCurrent(int attempt) => Volatile.Read(ref _attempt) == attempt && !_ended.IsCancellationRequested;

    /// <summary>Ends the link: its attach attempts stop. The token source is never disposed, so late readers of <see cref="Ended"/> stay safe.</summary>
    public void End() => _ended.Cancel();
}
