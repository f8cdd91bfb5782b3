using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>A session's subscription to one channel of one book, or of one aggregated instrument.</summary>
internal abstract class SessionSubscription : IAsyncDisposable
{
    private readonly Instrument? _instrument;
    private volatile bool _disposed;

    /// <summary>A book channel (<c>book</c>, <c>trades</c>): the stream key is the book key.</summary>
    protected SessionSubscription(string channel, Instrument instrument)
        : this(channel, instrument, instrument.Key.ToString())
    {
    }

    /// <summary>An instrument channel (<c>nbbo</c>, <c>stats</c>, <c>candles</c>): no book, the stream key is the aggregator key.</summary>
    protected SessionSubscription(string channel, Instrument? instrument, string streamKey)
    {
        Channel = channel;
        _instrument = instrument;
        StreamKey = streamKey;
    }

    /// <summary><c>book</c>, <c>trades</c>, <c>nbbo</c>, <c>stats</c> or <c>candles</c>.</summary>
    public string Channel { get; }

    /// <summary>The book of a book channel.</summary>
    /// <exception cref="InvalidOperationException">An instrument channel has no single book.</exception>
    public Instrument Instrument => _instrument ?? throw new InvalidOperationException($"Channel {Channel} has no single book.");

    public string StreamKey { get; }

    /// <summary>False once unsubscribed: queued messages of this subscription are no longer sent.</summary>
    public bool IsActive => !_disposed;

    protected bool Disposed => _disposed;

    public virtual ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
