using System.Globalization;
using System.Text;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>
/// Our capture format v1 (docs/capture-format.md): a header line <c>#orleansfeed-capture v1</c>, then one
/// record per line: <c>&lt;unix µs&gt;\t&lt;kind&gt;\t&lt;source&gt;\t&lt;payload&gt;</c>, kind one of
/// <c>open close recv sent rest</c>. The payload is the frame text verbatim unless it contains a tab, CR or LF, is not valid UTF-8 or starts with <c>b64:</c>,
/// in which case it is written as <c>b64:</c> + base64 of its bytes. Files may be gzip-compressed (<c>.gz</c>).
/// </summary>
public static class OrleansFeedCaptureFormat
{
    /// <summary>The first line of every v1 capture.</summary>
    public const string Header = "#orleansfeed-capture v1";

    private const string Base64Prefix = "b64:";

    /// <summary>Formats one record as a line (without newline).</summary>
    /// <param name="record">The record.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(CaptureRecord record)
    {
        var bytes = record.Payload.Span;
        var payload = Encoding.UTF8.GetString(bytes);

        // Base64 also when the text would not read back as the same bytes: invalid UTF-8 (decoding replaces it)
        // or a verbatim payload that itself starts with the "b64:" marker.
        if (payload.AsSpan().IndexOfAny('\t', '\r', '\n') >= 0
            || !System.Text.Unicode.Utf8.IsValid(bytes)
            || payload.StartsWith(Base64Prefix, StringComparison.Ordinal))
        {
            payload = Base64Prefix + Convert.ToBase64String(bytes);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{record.Time.UnixMicroseconds}\t{KindText(record.Kind)}\t{record.Source}\t{payload}");
    }

    /// <summary>Parses one line.</summary>
    /// <param name="line">The line.</param>
    /// <returns>The record.</returns>
    /// <exception cref="InvalidDataException">The line is not a v1 record.</exception>
    public static CaptureRecord ParseLine(string line)
    {
        var parts = line.Split('\t', 4);
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
        {
            throw new InvalidDataException($"Not an orleansfeed-capture v1 line: '{(line.Length > 120 ? line[..120] : line)}'.");
        }

        var kind = parts[1] switch
        {
            "open" => CaptureRecordKind.Open,
            "close" => CaptureRecordKind.Close,
            "recv" => CaptureRecordKind.Received,
            "sent" => CaptureRecordKind.Sent,
            "rest" => CaptureRecordKind.Rest,
            _ => throw new InvalidDataException($"Unknown capture record kind '{parts[1]}'."),
        };
        byte[] payload;
        try
        {
            payload = parts[3].StartsWith(Base64Prefix, StringComparison.Ordinal)
                ? Convert.FromBase64String(parts[3][Base64Prefix.Length..])
                : Encoding.UTF8.GetBytes(parts[3]);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"Invalid base64 payload in capture line: '{(line.Length > 120 ? line[..120] : line)}'.", e);
        }

        return new CaptureRecord(new Timestamp(micros), kind, parts[2], payload);
    }

    private static string KindText(CaptureRecordKind kind) => kind switch
    {
        CaptureRecordKind.Open => "open",
        CaptureRecordKind.Close => "close",
        CaptureRecordKind.Received => "recv",
        CaptureRecordKind.Sent => "sent",
        _ => "rest",
    };
}
