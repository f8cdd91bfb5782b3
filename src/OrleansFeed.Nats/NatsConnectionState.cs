namespace OrleansFeed.Nats;

/// <summary>Lifecycle of a <see cref="NatsConnection"/>.</summary>
public enum NatsConnectionState
{
    /// <summary>Constructed, <see cref="NatsConnection.ConnectAsync"/> not yet called or not yet finished.</summary>
    Closed = 0,

    /// <summary>The first connect is in progress.</summary>
    Connecting = 1,

    /// <summary>Connected; commands go straight to the socket.</summary>
    Open = 2,

    /// <summary>The connection was lost; publishes are buffered up to <see cref="NatsOpts.ReconnectBufferSize"/>.</summary>
    Reconnecting = 3,

    /// <summary>Disposed or out of reconnect attempts; every call throws <see cref="NatsConnectionException"/>.</summary>
    Disposed = 4,
}
