using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Api.WebSockets.Internal;

/// <summary>A session's subscription to one channel of one book.</summary>
internal abstract class SessionSubscription(string channel, Instrument instrument) : IAsyncDisposable
{
    private volatile bool _disposed;

    /// <summary><c>book</c> or <c>trades</c>.</summary>
    public string Channel { get; } = channel;

    public Instrument Instrument { get; } = instrument;

    public string StreamKey { get; } = instrument.Key.ToString();

    /// <summary>False once unsubscribed: queued messages of this subscription are no longer sent.</summary>
    public bool IsActive => !_disposed;

    protected bool Disposed => _disposed;

    public virtual ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
