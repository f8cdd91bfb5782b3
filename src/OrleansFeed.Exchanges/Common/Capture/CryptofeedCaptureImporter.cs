using System.Globalization;
using System.Text;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>
/// Reads cryptofeed's raw recording format line by line (shared/data/README.md, "File format"):
/// <c>configuration: {...}</c>; <c>&lt;url&gt; &lt;-&gt; &lt;t&gt;</c> (connection opened);
/// <c>&lt;url&gt; &lt;- &lt;t&gt;: &lt;text&gt;</c> (frame sent); <c>&lt;t&gt;: &lt;text&gt;</c> (frame received, attributed to the
/// last opened connection); <c>&lt;url&gt; -&gt; &lt;t&gt;: &lt;text&gt;</c> (REST response). <c>&lt;t&gt;</c> is Unix seconds
/// with a fraction, our local clock.
/// </summary>
/// <remarks>Stateful (remembers the open connection); one instance per file.</remarks>
public sealed class CryptofeedCaptureImporter
{
    private string _connection = string.Empty;

    /// <summary>Parses one line.</summary>
    /// <param name="line">The line without its newline.</param>
    /// <param name="record">The record.</param>
    /// <returns>False for lines that carry no record (configuration, blank).</returns>
    /// <exception cref="InvalidDataException">The line has none of the documented shapes.</exception>
    public bool TryParseLine(string line, out CaptureRecord record)
    {
        record = null!;
        if (line.Length == 0 || line.StartsWith("configuration:", StringComparison.Ordinal))
        {
            return false;
        }

        if (char.IsAsciiDigit(line[0]))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                throw Invalid(line);
            }

            record = new CaptureRecord(ParseTime(line.AsSpan(0, colon), line), CaptureRecordKind.Received, _connection, Encoding.UTF8.GetBytes(line[(colon + 2)..]));
            return true;
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw Invalid(line);
        }

        var url = line[..space];
        var rest = line.AsSpan(space + 1);
        if (rest.StartsWith("<-> "))
        {
            _connection = url;
            record = new CaptureRecord(ParseTime(rest[4..], line), CaptureRecordKind.Open, url, ReadOnlyMemory<byte>.Empty);
            return true;
        }

        CaptureRecordKind kind;
        if (rest.StartsWith("<- "))
        {
            kind = CaptureRecordKind.Sent;
            rest = rest[3..];
        }
        else if (rest.StartsWith("-> "))
        {
            kind = CaptureRecordKind.Rest;
            rest = rest[3..];
        }
        else
        {
            throw Invalid(line);
        }

        var separator = rest.IndexOf(": ");
        if (separator < 0)
        {
            throw Invalid(line);
        }

        record = new CaptureRecord(ParseTime(rest[..separator], line), kind, url, Encoding.UTF8.GetBytes(rest[(separator + 2)..].ToString()));
        return true;
    }

    private static Timestamp ParseTime(ReadOnlySpan<char> text, string line)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            throw Invalid(line);
        }

        return new Timestamp((long)decimal.Truncate(seconds * 1_000_000m));
    }

    private static InvalidDataException Invalid(string line) =>
        new($"Not a cryptofeed capture line: '{(line.Length > 120 ? line[..120] + "…" : line)}'.");
}
