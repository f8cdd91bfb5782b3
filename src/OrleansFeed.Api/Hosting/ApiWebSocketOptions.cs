namespace OrleansFeed.Api.Hosting;

/// <summary>
/// WebSocket settings (section <c>Api:WebSocket</c>). Every queue is bounded: a slow client is conflated
/// (book deltas replaced by a fresh snapshot once its queue has room) and then disconnected.
/// </summary>
public sealed class ApiWebSocketOptions
{
    /// <summary>Path of the WebSocket endpoint. Default <c>/ws</c>.</summary>
    public string Path { get; set; } = "/ws";

    /// <summary>Interval between <c>heartbeat</c> messages; 100 ms..5 min. Default 10 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Capacity in messages of a connection's single outbound queue; 8..1,048,576. Default 1024. When it is full a
    /// book subscription conflates and trades are dropped (counted).
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long the outbound queue may stay full, or a send may stay blocked with messages waiting, before the
    /// connection is closed with status 1008 (policy violation); 100 ms..10 min. Default 30 s.
    /// </summary>
    public TimeSpan SlowConsumerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one send may stay blocked (the client's TCP window and the socket send buffer full) before the
    /// connection is closed with status 1008 (<c>slow consumer</c>); 100 ms..10 min. Default 10 s. Together with
    /// <see cref="SocketSendBufferBytes"/> this finds a client that stopped reading within seconds.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Kernel send buffer of each WebSocket connection (<c>SO_SNDBUF</c>; Linux doubles it for bookkeeping) in bytes;
    /// 0 leaves the kernel's auto-tuned size (up to several MiB, which hides a stalled client for minutes);
    /// 0 or 4,096..16,777,216. Default 65,536.
    /// </summary>
    public int SocketSendBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Subscriptions (book + trades) one connection may hold; 1..10,000. Default 200.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 200;

    /// <summary>Capacity of each book-delta stream subscription (policy DropOldest); 1..65,536. Default 256.</summary>
    public int BookStreamCapacity { get; set; } = 256;

    /// <summary>Capacity of each trade stream subscription (policy DropOldest); 1..65,536. Default 256.</summary>
    public int TradeStreamCapacity { get; set; } = 256;

    /// <summary>Largest client message in bytes; larger ones are answered with an error; 256..1,048,576. Default 4096.</summary>
    public int MaxClientMessageBytes { get; set; } = 4096;
}
