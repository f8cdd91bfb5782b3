using OrleansFeed.Core.Time;

namespace OrleansFeed.Simulator.Internal;

/// <summary>A recorded REST book snapshot of a non-Binance venue (KuCoin level2), served verbatim once playback has
/// reached its recorded time.</summary>
internal sealed class RecordedRestSnapshot(string venueId, string symbol, Timestamp recordedAt, ReadOnlyMemory<byte> body)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string VenueId { get; } = venueId;

    public string Symbol { get; } = symbol;

    /// <summary>Recorded receive time (UTC, µs), on the venue's own recorded clock.</summary>
    public Timestamp RecordedAt { get; } = recordedAt;

    /// <summary>The recorded response body, verbatim.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Completes once playback has played a frame of the venue received at or after <see cref="RecordedAt"/>.</summary>
    public Task Reached => _reached.Task;

    public void MarkReached() => _reached.TrySetResult();
}
