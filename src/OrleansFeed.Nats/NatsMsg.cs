namespace OrleansFeed.Nats;

/// <summary>One message received from NATS (MSG or HMSG).</summary>
/// <remarks>
/// <see cref="Data"/> is a copy owned by this message (an exact-size array), so it stays valid after the reader moves
/// on and needs no disposal. The connection reference lets <see cref="ReplyAsync"/> answer requests.
/// </remarks>
/// <param name="Subject">The subject the message was published to.</param>
/// <param name="ReplyTo">Reply subject, or null when the publisher set none.</param>
/// <param name="Headers">Headers (HMSG), or null for a plain MSG.</param>
/// <param name="Data">Payload bytes; empty for an empty payload.</param>
/// <param name="Connection">The connection that received the message; null in messages built by hand.</param>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#msg"/>
public readonly record struct NatsMsg(string Subject, string? ReplyTo, NatsHeaders? Headers, ReadOnlyMemory<byte> Data, NatsConnection? Connection)
{
    /// <summary>True when the headers carry status 503, the server's "no responders" answer to a request.</summary>
    public bool IsNoResponders => Headers is { Code: 503 };

    /// <summary>Publishes <paramref name="data"/> to <see cref="ReplyTo"/> on the receiving connection.</summary>
    /// <param name="data">Reply payload.</param>
    /// <param name="headers">Optional reply headers.</param>
    /// <param name="cancellationToken">Cancels a wait for write space.</param>
    /// <returns>Completes when the reply is queued for the socket.</returns>
    /// <exception cref="InvalidOperationException">The message has no reply subject or no connection.</exception>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> data, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (ReplyTo is null || Connection is null)
        {
            throw new InvalidOperationException("The message has no reply subject or was not received from a connection.");
        }

        return Connection.PublishAsync(ReplyTo, data, headers, replyTo: null, cancellationToken);
    }
}
