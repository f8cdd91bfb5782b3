namespace OrleansFeed.Nats.Js;

/// <summary>Where a stream keeps its messages.</summary>
public enum NatsJSStorageType
{
    /// <summary>On disk under the server's store directory (survives restarts).</summary>
    File = 0,

    /// <summary>In memory (lost on server restart).</summary>
    Memory = 1,
}

/// <summary>The stream settings this client manages (limits retention, one replica).</summary>
/// <param name="Name">Stream name: no spaces, dots, <c>*</c> or <c>&gt;</c>.</param>
/// <param name="Subjects">Subjects captured by the stream; wildcards allowed.</param>
/// <seealso href="https://docs.nats.io/nats-concepts/jetstream/streams#configuration"/>
public sealed record NatsJSStreamConfig(string Name, IReadOnlyList<string> Subjects)
{
    /// <summary>Maximum age of a message; <see cref="TimeSpan.Zero"/> (default) keeps messages forever. Sent in nanoseconds.</summary>
    public TimeSpan MaxAge { get; init; }

    /// <summary>Storage; default <see cref="NatsJSStorageType.File"/>.</summary>
    public NatsJSStorageType Storage { get; init; }

    /// <summary>
    /// Window in which a repeated <c>Nats-Msg-Id</c> is reported as duplicate and not stored; <see cref="TimeSpan.Zero"/>
    /// (default) lets the server choose (2 min).
    /// </summary>
    public TimeSpan DuplicateWindow { get; init; }

    /// <summary>Bytes the stream holds at most (payload, headers and subject); the oldest messages are removed to make room. 0 or less (default): unlimited.</summary>
    public long MaxBytes { get; init; }

    /// <summary>Messages the stream holds at most; the oldest are removed first. 0 or less (default): unlimited.</summary>
    public long MaxMessages { get; init; }

    /// <summary>Messages kept per subject at most; the oldest of that subject are removed first. 0 or less (default): unlimited.</summary>
    public long MaxMessagesPerSubject { get; init; }
}

/// <summary>A stream's name and state after create/update.</summary>
/// <param name="Name">Stream name.</param>
/// <param name="Messages">Messages stored.</param>
/// <param name="FirstSeq">Sequence of the oldest stored message (0 when empty).</param>
/// <param name="LastSeq">Sequence of the newest stored message (0 when empty).</param>
/// <param name="Bytes">Bytes stored.</param>
public sealed record NatsJSStreamInfo(string Name, ulong Messages, ulong FirstSeq, ulong LastSeq, ulong Bytes = 0);
