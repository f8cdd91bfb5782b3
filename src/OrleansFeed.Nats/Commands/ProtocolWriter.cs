using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace OrleansFeed.Nats.Commands;

/// <summary>
/// Formats client-to-server commands into an <see cref="IBufferWriter{T}"/> (the connection's pipe, or the reconnect
/// buffer). Allocates nothing: subjects and header strings are encoded straight into the writer's span.
/// </summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol"/>
internal static class ProtocolWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> HeaderVersion => "NATS/1.0\r\n"u8;

    /// <summary>Upper bound of the bytes <c>WritePublish</c> writes, for the reconnect buffer check.</summary>
    public static int MaxPublishSize(string subject, string? replyTo, NatsHeaders? headers, int payloadLength) =>
        64 + Encoding.UTF8.GetMaxByteCount(subject.Length) + (replyTo is null ? 0 : Encoding.UTF8.GetMaxByteCount(replyTo.Length))
        + (headers is null ? 0 : HeaderLength(headers)) + payloadLength;

    /// <summary>PUB or (with headers) HPUB.</summary>
    public static void WritePublish(IBufferWriter<byte> writer, string subject, string? replyTo, NatsHeaders? headers, ReadOnlySpan<byte> payload)
    {
        if (headers is null)
        {
            WriteAscii(writer, "PUB "u8);
            WriteString(writer, subject);
            if (replyTo is not null)
            {
                WriteAscii(writer, " "u8);
                WriteString(writer, replyTo);
            }

            WriteAscii(writer, " "u8);
            WriteNumber(writer, payload.Length);
            WriteAscii(writer, Crlf);
        }
        else
        {
            var headerLength = HeaderLength(headers);
            WriteAscii(writer, "HPUB "u8);
            WriteString(writer, subject);
            if (replyTo is not null)
            {
                WriteAscii(writer, " "u8);
                WriteString(writer, replyTo);
            }

            WriteAscii(writer, " "u8);
            WriteNumber(writer, headerLength);
            WriteAscii(writer, " "u8);
            WriteNumber(writer, headerLength + payload.Length);
            WriteAscii(writer, Crlf);
            WriteHeaders(writer, headers);
        }

        writer.Write(payload);
        WriteAscii(writer, Crlf);
    }

    /// <summary>HPUB with a header block already encoded (<see cref="NatsHeaderBlock"/>).</summary>
    public static void WritePublish(IBufferWriter<byte> writer, string subject, string? replyTo, ReadOnlySpan<byte> headerBlock, ReadOnlySpan<byte> payload)
    {
        WriteAscii(writer, "HPUB "u8);
        WriteString(writer, subject);
        if (replyTo is not null)
        {
            WriteAscii(writer, " "u8);
            WriteString(writer, replyTo);
        }

        WriteAscii(writer, " "u8);
        WriteNumber(writer, headerBlock.Length);
        WriteAscii(writer, " "u8);
        WriteNumber(writer, headerBlock.Length + payload.Length);
        WriteAscii(writer, Crlf);
        writer.Write(headerBlock);
        writer.Write(payload);
        WriteAscii(writer, Crlf);
    }

    /// <summary>SUB subject [queue] sid.</summary>
    public static void WriteSub(IBufferWriter<byte> writer, string subject, string? queueGroup, long sid)
    {
        WriteAscii(writer, "SUB "u8);
        WriteString(writer, subject);
        if (queueGroup is not null)
        {
            WriteAscii(writer, " "u8);
            WriteString(writer, queueGroup);
        }

        WriteAscii(writer, " "u8);
        WriteNumber(writer, sid);
        WriteAscii(writer, Crlf);
    }

    /// <summary>UNSUB sid.</summary>
    public static void WriteUnsub(IBufferWriter<byte> writer, long sid)
    {
        WriteAscii(writer, "UNSUB "u8);
        WriteNumber(writer, sid);
        WriteAscii(writer, Crlf);
    }

    /// <summary>PING.</summary>
    public static void WritePing(IBufferWriter<byte> writer) => WriteAscii(writer, "PING\r\n"u8);

    /// <summary>PONG.</summary>
    public static void WritePong(IBufferWriter<byte> writer) => WriteAscii(writer, "PONG\r\n"u8);

    /// <summary>CONNECT {json}.</summary>
    public static void WriteConnect(IBufferWriter<byte> writer, ReadOnlySpan<byte> json)
    {
        WriteAscii(writer, "CONNECT "u8);
        writer.Write(json);
        WriteAscii(writer, Crlf);
    }

    /// <summary>Length of the header block including the version line and the final blank line.</summary>
    public static int HeaderLength(NatsHeaders headers)
    {
        var length = HeaderVersion.Length + Crlf.Length;
        // Indexed loops: the public enumerator is an iterator and would allocate per publish.
        for (var i = 0; i < headers.Count; i++)
        {
            var (key, values) = headers.EntryAt(i);
            var keyLength = Encoding.UTF8.GetByteCount(key);
            for (var j = 0; j < values.Count; j++)
            {
                length += keyLength + 2 + Encoding.UTF8.GetByteCount(values[j]) + 2;
            }
        }

        return length;
    }

    private static void WriteHeaders(IBufferWriter<byte> writer, NatsHeaders headers)
    {
        WriteAscii(writer, HeaderVersion);
        for (var i = 0; i < headers.Count; i++)
        {
            var (key, values) = headers.EntryAt(i);
            for (var j = 0; j < values.Count; j++)
            {
                WriteString(writer, key);
                WriteAscii(writer, ": "u8);
                WriteString(writer, values[j]);
                WriteAscii(writer, Crlf);
            }
        }

        WriteAscii(writer, Crlf);
    }

    private static void WriteAscii(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes) => writer.Write(bytes);

    private static void WriteString(IBufferWriter<byte> writer, string value)
    {
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, span);
        writer.Advance(written);
    }

    private static void WriteNumber(IBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        writer.Advance(written);
    }
}
