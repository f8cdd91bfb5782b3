namespace OrleansFeed.Nats;

/// <summary>Arguments of the connection-state events of <see cref="NatsConnection"/>.</summary>
/// <param name="Message">What happened, with key=value context (URL, attempt, error).</param>
/// <param name="Attempt">Reconnect attempt number (1-based) for <see cref="NatsConnection.ReconnectFailed"/>; 0 otherwise.</param>
/// <param name="Error">The failure, when there is one.</param>
public sealed record NatsEventArgs(string Message, int Attempt = 0, Exception? Error = null);

/// <summary>Arguments of <see cref="NatsConnection.SlowConsumerDetected"/>.</summary>
/// <param name="Subscription">The subscription whose channel was full.</param>
/// <param name="DroppedCount">Messages dropped by this subscription so far (cumulative).</param>
public sealed record NatsSlowConsumerEventArgs(NatsSubscription Subscription, long DroppedCount);
