using System.IO.Compression;
using System.Threading.Channels;

namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>
/// Writes records to a capture file in our v1 format (gzip when the path ends in <c>.gz</c>). Records are queued
/// to a bounded channel and written by one background task so a slow disk never stalls a receive loop; when the
/// queue is full the record is dropped and counted in <see cref="Dropped"/>.
/// </summary>
/// <remarks>Thread-safe. Dispose to flush and close.</remarks>
public sealed class CaptureWriter : IAsyncDisposable
{
    private readonly Channel<CaptureRecord> _queue;
    private readonly Task _writer;
    private long _dropped;
    private long _written;

    /// <summary>Creates the file (overwriting) and starts the writer.</summary>
    /// <param name="path">Destination path.</param>
    /// <param name="capacity">Queue capacity in records. Default 100,000.</param>
    public CaptureWriter(string path, int capacity = 100_000)
    {
        _queue = Channel.CreateBounded<CaptureRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Stream stream = File.Create(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            stream = new GZipStream(stream, CompressionLevel.Fastest);
        }

        _writer = WriteLoopAsync(new StreamWriter(stream, new System.Text.UTF8Encoding(false)));
    }

    /// <summary>Records dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records written.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Queues a record; never blocks.</summary>
    /// <param name="record">The record.</param>
    public void Write(CaptureRecord record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync(StreamWriter writer)
    {
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(OrleansFeedCaptureFormat.Header).ConfigureAwait(false);
            await foreach (var record in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await writer.WriteLineAsync(OrleansFeedCaptureFormat.FormatLine(record)).ConfigureAwait(false);
                Interlocked.Increment(ref _written);
            }
        }
    }
}
