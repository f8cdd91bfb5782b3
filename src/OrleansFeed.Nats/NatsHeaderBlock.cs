using System.Buffers.Text;
using System.Text;

namespace OrleansFeed.Nats;

/// <summary>
/// A NATS header block already encoded as bytes (<c>NATS/1.0\r\nKey: value\r\n...\r\n</c>), for publishers that send
/// the same header names on every message and must not allocate per message: build it once, then per message
/// <see cref="Clear"/> and <c>Add</c> the values (numbers and UTF-8 spans are formatted straight into the block).
/// Publish it with <see cref="NatsConnection.PublishAsync(string, NatsHeaderBlock, ReadOnlyMemory{byte}, string?, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// Not thread-safe: one owner builds and publishes it. The connection copies the block before the publish call
/// completes, so it can be cleared and reused as soon as that call returns. The block is always complete (it ends with
/// the blank line); header order on the wire is the order of the <c>Add</c> calls. The buffer grows (doubling) when a
/// message needs more room and keeps that size, so steady-state use allocates nothing.
/// </remarks>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-4.md"/>
public sealed class NatsHeaderBlock
{
    private static ReadOnlySpan<byte> Empty => "NATS/1.0\r\n\r\n"u8;

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates an empty block (version line only).</summary>
    /// <param name="initialCapacity">Initial buffer size in bytes, at least 64; default 256.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialCapacity"/> is below 64.</exception>
    public NatsHeaderBlock(int initialCapacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 64);
        _buffer = new byte[initialCapacity];
        Clear();
    }

    /// <summary>Length of the encoded block in bytes, version line and final blank line included.</summary>
    public int Length => _length;

    /// <summary>The encoded block; valid until the next <see cref="Clear"/> or <c>Add</c>.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Removes every header, leaving the version line and the final blank line.</summary>
    public void Clear()
    {
        Empty.CopyTo(_buffer);
        _length = Empty.Length;
    }

    /// <summary>Adds <c>key: value</c> with a UTF-8 value.</summary>
    /// <param name="key">Header name: printable ASCII without ':' or spaces (e.g. <c>"Md-Seq"u8</c>).</param>
    /// <param name="value">Header value in UTF-8: no CR or LF.</param>
    /// <exception cref="ArgumentException">The key or value has characters the header block cannot carry.</exception>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            throw new ArgumentException("A NATS header value cannot contain CR or LF.", nameof(value));
        }

        var line = BeginLine(key, value.Length);
        value.CopyTo(line);
        EndLine(value.Length);
    }

    /// <summary>Adds <c>key: value</c>, encoding the string value as UTF-8 without allocating.</summary>
    /// <param name="key">Header name: printable ASCII without ':' or spaces.</param>
    /// <param name="value">Header value: no CR or LF.</param>
    /// <exception cref="ArgumentException">The key or value has characters the header block cannot carry.</exception>
    public void Add(ReadOnlySpan<byte> key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A NATS header value cannot contain CR or LF.", nameof(value));
        }

        var line = BeginLine(key, Encoding.UTF8.GetMaxByteCount(value.Length));
        EndLine(Encoding.UTF8.GetBytes(value, line));
    }

    /// <summary>Adds <c>key: value</c> with the value as an invariant decimal integer (e.g. <c>-1</c>, <c>42</c>).</summary>
    /// <param name="key">Header name: printable ASCII without ':' or spaces.</param>
    /// <param name="value">Any <see cref="long"/>.</param>
    /// <exception cref="ArgumentException">The key has characters the header block cannot carry.</exception>
    public void Add(ReadOnlySpan<byte> key, long value)
    {
        var line = BeginLine(key, 20);
        Utf8Formatter.TryFormat(value, line, out var written);
        EndLine(written);
    }

    // Writes "key: " over the final blank line and returns room for the value plus the line's CRLF and the block's CRLF.
    private Span<byte> BeginLine(ReadOnlySpan<byte> key, int maxValueLength)
    {
        if (key.IsEmpty || key.IndexOfAny(": \r\n"u8) >= 0 || key.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0)
        {
            throw new ArgumentException($"Invalid NATS header key '{Encoding.ASCII.GetString(key)}'.", nameof(key));
        }

        var start = _length - 2;
        var needed = start + key.Length + 2 + maxValueLength + 4;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }

        key.CopyTo(_buffer.AsSpan(start));
        ": "u8.CopyTo(_buffer.AsSpan(start + key.Length));
        _length = start + key.Length + 2;
        return _buffer.AsSpan(_length, maxValueLength);
    }

    private void EndLine(int valueLength)
    {
        _length += valueLength;
        "\r\n\r\n"u8.CopyTo(_buffer.AsSpan(_length));
        // The final blank line is part of the block; the next Add writes over it.
        _length += 4;
    }
}
