namespace OrleansFeed.Grains.FanOut;

/// <summary>A subscription to a stream; dispose to unsubscribe (pending events are dropped).</summary>
public interface IStreamSubscription : IAsyncDisposable
{
    /// <summary>The stream subscribed to.</summary>
    FanOutStreamId FanOutStreamId { get; }

    /// <summary>Events queued and not yet handled.</summary>
    int Pending { get; }

    /// <summary>Events dropped by the overflow policy since subscribing.</summary>
    long Dropped { get; }

    /// <summary>
    /// Events whose handler threw since subscribing. The pump logs the first fault of a subscription and
    /// continues with the next event; the count is the metric to alert on.
    /// </summary>
    long HandlerFaults { get; }
}
