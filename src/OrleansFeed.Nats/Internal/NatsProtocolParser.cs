using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace OrleansFeed.Nats.Internal;

/// <summary>
/// Parses server operations from the read buffer. Frames may be split anywhere across segments: a control line that
/// spans segments is copied into a reusable scratch buffer (the only copy), payloads stay as sequence slices.
/// The verb is compared as one little-endian 32-bit integer.
/// </summary>
/// <remarks>One instance per connection reader; not thread-safe. Allocates nothing per message.</remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#protocol-messages"/>
internal sealed class NatsProtocolParser
{
    /// <summary>Longest control line accepted (INFO with many connect_urls stays well below this).</summary>
    public const int MaxControlLine = 64 * 1024;

    private static readonly uint VerbMsg = Verb("MSG "u8);
    private static readonly uint VerbHmsg = Verb("HMSG"u8);
    private static readonly uint VerbPing = Verb("PING"u8);
    private static readonly uint VerbPong = Verb("PONG"u8);
    private static readonly uint VerbOk = Verb("+OK\0"u8);
    private static readonly uint VerbErr = Verb("-ERR"u8);
    private static readonly uint VerbInfo = Verb("INFO"u8);

    private readonly int _maxPayload;
    private byte[] _scratch = new byte[512];

    public NatsProtocolParser(int maxPayload) => _maxPayload = maxPayload;

    /// <summary>Parses one operation from the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Unconsumed bytes; on success advanced past the operation.</param>
    /// <param name="op">The operation, valid until the next call or until the buffer is released.</param>
    /// <returns>False when more bytes are needed (buffer unchanged).</returns>
    /// <exception cref="NatsProtocolException">The bytes are not NATS protocol; the caller drops the connection.</exception>
    public bool TryParse(ref ReadOnlySequence<byte> buffer, out ServerOp op)
    {
        op = default;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> lineSequence, "\r\n"u8, advancePastDelimiter: true))
        {
            if (buffer.Length > MaxControlLine)
            {
                NatsException.ThrowProtocol($"NATS control line longer than {MaxControlLine} bytes");
            }

            return false;
        }

        var line = lineSequence.IsSingleSegment ? lineSequence.First : CopyToScratch(lineSequence);
        var span = line.Span;
        var verb = ReadVerb(span);

        if (verb == VerbMsg || verb == VerbHmsg)
        {
            return TryParseMessage(ref buffer, ref reader, line, verb == VerbHmsg, out op);
        }

        if (verb == VerbPing)
        {
            op = new ServerOp(ServerOpKind.Ping);
        }
        else if (verb == VerbPong)
        {
            op = new ServerOp(ServerOpKind.Pong);
        }
        else if (verb == VerbOk)
        {
            op = new ServerOp(ServerOpKind.Ok);
        }
        else if (verb == VerbErr)
        {
            op = new ServerOp(ServerOpKind.Err, TrimQuotes(line[4..]));
        }
        else if (verb == VerbInfo)
        {
            op = new ServerOp(ServerOpKind.Info, line[4..]);
        }
        else
        {
            NatsException.ThrowProtocol($"Unknown NATS operation: line_length={span.Length}");
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private bool TryParseMessage(ref ReadOnlySequence<byte> buffer, ref SequenceReader<byte> reader, ReadOnlyMemory<byte> line, bool hasHeaders, out ServerOp op)
    {
        op = default;
        Span<Range> tokens = stackalloc Range[6];
        var args = line[(hasHeaders ? 5 : 4)..];
        var count = Tokenize(args.Span, tokens);

        // MSG <subject> <sid> [reply-to] <#bytes>; HMSG <subject> <sid> [reply-to] <#header bytes> <#total bytes>
        var minimum = hasHeaders ? 4 : 3;
        if (count < minimum || count > minimum + 1)
        {
            NatsException.ThrowProtocol($"Malformed NATS {(hasHeaders ? "HMSG" : "MSG")}: tokens={count}");
        }

        var subject = args[tokens[0]];
        var sid = ParseNumber(args.Span[tokens[1]]);
        var replyTo = count == minimum + 1 ? args[tokens[2]] : ReadOnlyMemory<byte>.Empty;
        var total = ParseNumber(args.Span[tokens[count - 1]]);
        var headerLength = hasHeaders ? ParseNumber(args.Span[tokens[count - 2]]) : 0;
        if (total > _maxPayload || headerLength > total)
        {
            NatsException.ThrowProtocol($"NATS message too large or inconsistent: total={total} header_bytes={headerLength} cap={_maxPayload}");
        }

        if (reader.Remaining < total + 2)
        {
            return false;
        }

        var body = reader.UnreadSequence.Slice(0, total);
        reader.Advance(total);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            NatsException.ThrowProtocol("NATS message payload not followed by CRLF");
        }

        op = new ServerOp(
            hasHeaders ? ServerOpKind.HMsg : ServerOpKind.Msg,
            sid,
            subject,
            replyTo,
            body.Slice(0, headerLength),
            body.Slice(headerLength));
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReadOnlyMemory<byte> CopyToScratch(ReadOnlySequence<byte> line)
    {
        if (line.Length > MaxControlLine)
        {
            NatsException.ThrowProtocol($"NATS control line longer than {MaxControlLine} bytes");
        }

        if (_scratch.Length < line.Length)
        {
            _scratch = new byte[Math.Max((int)line.Length, _scratch.Length * 2)];
        }

        line.CopyTo(_scratch);
        return _scratch.AsMemory(0, (int)line.Length);
    }

    private static uint ReadVerb(ReadOnlySpan<byte> line)
    {
        if (line.Length >= 4)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(line);
        }

        Span<byte> padded = stackalloc byte[4];
        padded.Clear();
        line.CopyTo(padded);
        return BinaryPrimitives.ReadUInt32LittleEndian(padded);
    }

    private static uint Verb(ReadOnlySpan<byte> text) => BinaryPrimitives.ReadUInt32LittleEndian(text);

    private static int Tokenize(ReadOnlySpan<byte> args, Span<Range> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < args.Length)
        {
            while (i < args.Length && (args[i] == (byte)' ' || args[i] == (byte)'\t'))
            {
                i++;
            }

            if (i == args.Length)
            {
                break;
            }

            var start = i;
            while (i < args.Length && args[i] != (byte)' ' && args[i] != (byte)'\t')
            {
                i++;
            }

            if (count == tokens.Length)
            {
                return count + 1;
            }

            tokens[count++] = new Range(start, i);
        }

        return count;
    }

    private static int ParseNumber(ReadOnlySpan<byte> digits)
    {
        if (!Utf8Parser.TryParse(digits, out int value, out var consumed) || consumed != digits.Length || value < 0)
        {
            NatsException.ThrowProtocol("Malformed number in NATS control line");
        }

        return value;
    }

    private static ReadOnlyMemory<byte> TrimQuotes(ReadOnlyMemory<byte> text)
    {
        var span = text.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && (span[start] == (byte)' ' || span[start] == (byte)'\''))
        {
            start++;
        }

        while (end > start && (span[end - 1] == (byte)' ' || span[end - 1] == (byte)'\''))
        {
            end--;
        }

        return text[start..end];
    }
}
