using System.IO.Compression;

namespace OrleansFeed.Exchanges.Common.Capture;

/// <summary>
/// Opens capture files of either format, gzip or plain: our own (<c>#orleansfeed-capture v1</c> header,
/// docs/capture-format.md) or cryptofeed's raw recording format (shared/data/README.md).
/// </summary>
public static class CaptureFile
{
    /// <summary>Reads every record of one file, in file order.</summary>
    /// <param name="path">A <c>.gz</c> or plain text file.</param>
    /// <returns>The records; the sequence reads the file lazily.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a valid record of the detected format.</exception>
    public static IEnumerable<CaptureRecord> Read(string path)
    {
        using var stream = OpenText(path);
        var first = stream.ReadLine();
        if (first is null)
        {
            yield break;
        }

        if (first.StartsWith(OrleansFeedCaptureFormat.Header, StringComparison.Ordinal))
        {
            string? line;
            while ((line = stream.ReadLine()) is not null)
            {
                if (line.Length > 0)
                {
                    yield return OrleansFeedCaptureFormat.ParseLine(line);
                }
            }

            yield break;
        }

        var importer = new CryptofeedCaptureImporter();
        for (var line = first; line is not null; line = stream.ReadLine())
        {
            if (importer.TryParseLine(line, out var record))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Reads several files as one session, merged by receive time (stable: ties keep file order). This is how a
    /// cryptofeed <c>.ws</c> file and its <c>.http</c> file become one capture.
    /// </summary>
    /// <param name="paths">The files.</param>
    /// <returns>The merged records (materialised: recordings are minutes long).</returns>
    public static IReadOnlyList<CaptureRecord> ReadMerged(IEnumerable<string> paths)
    {
        var all = new List<(CaptureRecord Record, int File, int Index)>();
        var file = 0;
        foreach (var path in paths)
        {
            var index = 0;
            foreach (var record in Read(path))
            {
                all.Add((record, file, index++));
            }

            file++;
        }

        all.Sort(static (a, b) =>
        {
            var c = a.Record.Time.CompareTo(b.Record.Time);
            if (c != 0)
            {
                return c;
            }

            c = a.File.CompareTo(b.File);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return all.ConvertAll(static x => x.Record);
    }

    /// <summary>
    /// Groups capture files into sessions: files sharing a stem (<c>X.ws.txt.gz</c> + <c>X.http.txt.gz</c>)
    /// form one session; a <c>.combined</c> or own-format file is a session alone. Directories are expanded recursively.
    /// </summary>
    /// <param name="inputs">Files or directories.</param>
    /// <returns>Sessions, each a list of files, ordered by path.</returns>
    /// <exception cref="FileNotFoundException">An input does not exist.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> GroupSessions(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                files.AddRange(Directory.GetFiles(input, "*", SearchOption.AllDirectories).Where(IsCaptureFile).Select(Path.GetFullPath));
            }
            else if (File.Exists(input))
            {
                files.Add(Path.GetFullPath(input));
            }
            else
            {
                throw new FileNotFoundException($"Capture input '{input}' does not exist.", input);
            }
        }

        return files
            .Distinct(StringComparer.Ordinal)
            .GroupBy(SessionStem, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)g.OrderBy(f => f, StringComparer.Ordinal).ToList())
            .ToList();
    }

    private static bool IsCaptureFile(string path) =>
        path.EndsWith(".txt.gz", StringComparison.Ordinal) || path.EndsWith(".txt", StringComparison.Ordinal)
        || path.EndsWith(".capture", StringComparison.Ordinal) || path.EndsWith(".capture.gz", StringComparison.Ordinal);

    private static string SessionStem(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var marker in new[] { ".ws.", ".http." })
        {
            var at = name.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                return Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, name[..at]);
            }
        }

        return path;
    }

    private static StreamReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.Ordinal))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
    }
}
