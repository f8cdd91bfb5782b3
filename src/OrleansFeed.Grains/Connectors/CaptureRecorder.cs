using Microsoft.Extensions.Options;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Grains.Connectors;

/// <summary>Owns the capture file of the <c>record</c> command (none when <see cref="FeedOptions.CapturePath"/> is empty).</summary>
public sealed class CaptureRecorder : IAsyncDisposable
{
    /// <summary>Opens the capture file when configured.</summary>
    /// <param name="feed">Feed options.</param>
    public CaptureRecorder(IOptions<FeedOptions> feed)
    {
        var path = feed.Value.CapturePath;
        Writer = string.IsNullOrEmpty(path) ? null : new CaptureWriter(path);
    }

    /// <summary>The writer, or null when not recording.</summary>
    public CaptureWriter? Writer { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Writer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
