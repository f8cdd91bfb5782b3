namespace OrleansFeed.Redis;

/// <summary>Why a Redis operation failed; what a caller branches on.</summary>
public enum RedisFailureKind
{
    /// <summary>No connection to the server (down, unreachable, or still connecting).</summary>
    ConnectionUnavailable,

    /// <summary>The command was sent but no reply came within <see cref="RedisOptions.OperationTimeout"/>.</summary>
    Timeout,

    /// <summary>The server replied with an error (wrong type, out of memory, auth).</summary>
    ServerError,

    /// <summary>A stored value could not be read back (e.g. JSON that does not match the state type).</summary>
    InvalidData,
}

/// <summary>
/// The one exception the Redis provider throws from its async operations (grain storage). It hides the
/// StackExchange.Redis exception types; the original is kept as <see cref="Exception.InnerException"/> for logs.
/// The last-value writer never throws: it counts failures instead.
/// </summary>
public sealed class RedisProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Why it failed.</param>
    /// <param name="operation">The operation, e.g. <c>GET</c>, <c>SET</c>, <c>HGETALL</c>.</param>
    /// <param name="key">The Redis key involved.</param>
    /// <param name="innerException">The underlying exception, or null.</param>
    public RedisProviderException(RedisFailureKind kind, string operation, string key, Exception? innerException)
        : base($"Redis {operation} failed: kind={kind}, key={key}, reason={innerException?.Message ?? "none"}", innerException)
    {
        Kind = kind;
        Operation = operation;
        Key = key;
    }

    /// <summary>Why it failed.</summary>
    public RedisFailureKind Kind { get; }

    /// <summary>The Redis command, e.g. <c>SET</c>.</summary>
    public string Operation { get; }

    /// <summary>The Redis key involved.</summary>
    public string Key { get; }
}
