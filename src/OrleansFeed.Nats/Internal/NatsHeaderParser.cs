using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace OrleansFeed.Nats.Internal;

/// <summary>Parses the HMSG header block: <c>NATS/1.0[ code[ description]]\r\n(Key: Value\r\n)*\r\n</c>.</summary>
/// <seealso href="https://github.com/nats-io/nats-architecture-and-design/blob/main/adr/ADR-4.md"/>
internal static class NatsHeaderParser
{
    private static ReadOnlySpan<byte> Version => "NATS/1.0"u8;

    public static NatsHeaders Parse(ReadOnlySequence<byte> block)
    {
        var bytes = block.IsSingleSegment ? block.FirstSpan : block.ToArray();
        var lineEnd = bytes.IndexOf("\r\n"u8);
        if (lineEnd < 0 || !bytes.StartsWith(Version))
        {
            NatsException.ThrowProtocol("NATS header block does not start with NATS/1.0");
        }

        var status = bytes[Version.Length..lineEnd].Trim((byte)' ');
        var code = 0;
        var message = string.Empty;
        if (!status.IsEmpty)
        {
            var space = status.IndexOf((byte)' ');
            var digits = space < 0 ? status : status[..space];
            _ = Utf8Parser.TryParse(digits, out code, out _);
            if (space >= 0)
            {
                message = Encoding.UTF8.GetString(status[(space + 1)..].Trim((byte)' '));
            }
        }

        var headers = new NatsHeaders { Code = code, Message = message };
        var rest = bytes[(lineEnd + 2)..];
        while (true)
        {
            var end = rest.IndexOf("\r\n"u8);
            if (end <= 0)
            {
                break;
            }

            var line = rest[..end];
            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                var key = Encoding.UTF8.GetString(line[..colon].Trim((byte)' '));
                var value = Encoding.UTF8.GetString(line[(colon + 1)..].Trim((byte)' '));
                headers.AddUnchecked(key, value);
            }

            rest = rest[(end + 2)..];
        }

        return headers;
    }
}
