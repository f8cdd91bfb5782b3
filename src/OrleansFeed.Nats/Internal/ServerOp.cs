using System.Buffers;

namespace OrleansFeed.Nats.Internal;

/// <summary>Kinds of server-to-client protocol operations.</summary>
internal enum ServerOpKind
{
    None = 0,
    Msg,
    HMsg,
    Ping,
    Pong,
    Ok,
    Err,
    Info,
}

/// <summary>
/// One parsed server operation. The memory and sequences point into the reader's buffer (or the parser's scratch
/// buffer) and are valid only until the next parse or <c>PipeReader.AdvanceTo</c>: copy what you keep.
/// </summary>
internal readonly struct ServerOp
{
    public ServerOp(ServerOpKind kind, ReadOnlyMemory<byte> text = default)
    {
        Kind = kind;
        Text = text;
    }

    public ServerOp(ServerOpKind kind, long sid, ReadOnlyMemory<byte> subject, ReadOnlyMemory<byte> replyTo, ReadOnlySequence<byte> headers, ReadOnlySequence<byte> payload)
    {
        Kind = kind;
        Sid = sid;
        Subject = subject;
        ReplyTo = replyTo;
        Headers = headers;
        Payload = payload;
    }

    public ServerOpKind Kind { get; }

    public long Sid { get; }

    public ReadOnlyMemory<byte> Subject { get; }

    /// <summary>Empty when the message has no reply subject.</summary>
    public ReadOnlyMemory<byte> ReplyTo { get; }

    /// <summary>The header block (HMSG only), including the trailing CRLF CRLF.</summary>
    public ReadOnlySequence<byte> Headers { get; }

    public ReadOnlySequence<byte> Payload { get; }

    /// <summary>INFO JSON or -ERR text.</summary>
    public ReadOnlyMemory<byte> Text { get; }
}
