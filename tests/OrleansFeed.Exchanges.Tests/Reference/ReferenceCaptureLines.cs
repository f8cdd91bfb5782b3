using System.Globalization;
using System.IO.Compression;

namespace OrleansFeed.Exchanges.Tests.Reference;

/// <summary>Reads the received-frame JSON texts of a cryptofeed recording, in file order, without production code.</summary>
public static class ReferenceCaptureLines
{
    /// <summary>Every received frame's text (lines of the form <c>&lt;t&gt;: &lt;json&gt;</c>).</summary>
    public static IEnumerable<string> ReceivedFrames(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || !char.IsDigit(line[0]))
            {
                continue;
            }

            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && decimal.TryParse(line[..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                yield return line[(colon + 2)..];
            }
        }
    }
}
