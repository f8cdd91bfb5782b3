using System.IO.Compression;
using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Exchanges.Tests.Capture;

/// <summary>Verifies CaptureWriter → CaptureFile.Read round trips (plain and gzip), cryptofeed files, merging and session grouping.</summary>
public sealed class CaptureFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orleansfeed-capture-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory(Timeout = 30_000)]
    [InlineData("session.capture.gz")]
    [InlineData("session.capture")]
    public async Task CaptureWriter_ThenRead_RoundTripsAllRecords(string name)
    {
        var path = Path.Combine(_dir, name);
        var records = new[]
        {
            new CaptureRecord(new Timestamp(1_000_001), CaptureRecordKind.Open, "wss://fstream.binance.com/stream", ReadOnlyMemory<byte>.Empty),
            new CaptureRecord(new Timestamp(1_000_002), CaptureRecordKind.Sent, "wss://fstream.binance.com/stream", "{\"method\":\"SUBSCRIBE\"}"u8.ToArray()),
            new CaptureRecord(new Timestamp(1_000_003), CaptureRecordKind.Received, "wss://fstream.binance.com/stream", "{\"a\":\"x\ty\ny\"}"u8.ToArray()),
            new CaptureRecord(new Timestamp(1_000_004), CaptureRecordKind.Rest, "https://fapi.binance.com/fapi/v1/depth?symbol=BATUSDT", "{\"lastUpdateId\":1}"u8.ToArray()),
            new CaptureRecord(new Timestamp(1_000_005), CaptureRecordKind.Close, "wss://fstream.binance.com/stream", ReadOnlyMemory<byte>.Empty),
        };

        var writer = new CaptureWriter(path, capacity: 16);
        await using (writer.ConfigureAwait(true))
        {
            foreach (var record in records)
            {
                writer.Write(record);
            }
        }

        writer.Written.Should().Be(records.Length);
        writer.Dropped.Should().Be(0);
        var read = CaptureFile.Read(path).ToList();
        read.Select(r => (r.Time, r.Kind, r.Source, Encoding.UTF8.GetString(r.Payload.Span)))
            .Should().Equal(records.Select(r => (r.Time, r.Kind, r.Source, Encoding.UTF8.GetString(r.Payload.Span))));
    }

    [Fact]
    public void Read_CryptofeedGzipFile_ImportsLines()
    {
        var path = Path.Combine(_dir, "x.ws.txt.gz");
        WriteGzip(path,
            "wss://stream.binance.com:9443/stream?streams=a@depth <-> 1633998511.159679",
            "1633998512.0633569: {\"stream\":\"a@depth\"}",
            "1633998512.5: {\"stream\":\"a@depth\",\"n\":2}");

        var records = CaptureFile.Read(path).ToList();

        records.Select(r => r.Kind).Should().Equal(CaptureRecordKind.Open, CaptureRecordKind.Received, CaptureRecordKind.Received);
        records[1].Time.UnixMicroseconds.Should().Be(1_633_998_512_063_356);
        records[1].Source.Should().Be("wss://stream.binance.com:9443/stream?streams=a@depth");
    }

    [Fact]
    public void ReadMerged_WsAndHttp_OrderedByTimeTiesKeepFileOrder()
    {
        var ws = Path.Combine(_dir, "s.ws.txt.gz");
        var http = Path.Combine(_dir, "s.http.txt.gz");
        WriteGzip(ws, "wss://x <-> 10", "11: {\"n\":1}", "13: {\"n\":3}");
        WriteGzip(http, "https://y -> 11: {\"rest\":1}", "https://y -> 12: {\"rest\":2}");

        var merged = CaptureFile.ReadMerged([ws, http]);

        merged.Select(r => (r.Time.UnixMicroseconds / 1_000_000, r.Kind)).Should().Equal(
            (10, CaptureRecordKind.Open),
            (11, CaptureRecordKind.Received),
            (11, CaptureRecordKind.Rest),
            (12, CaptureRecordKind.Rest),
            (13, CaptureRecordKind.Received));
    }

    [Fact]
    public void GroupSessions_PairsWsWithHttpByStem_CombinedAlone()
    {
        foreach (var name in new[] { "2021-10-12_A.ws.txt.gz", "2021-10-12_A.http.txt.gz", "2021-07-22_B.http.txt.gz", "2021-07-22_B.ws.txt.gz", "2021-04-05_C.combined.txt.gz", "notes.md" })
        {
            File.WriteAllText(Path.Combine(_dir, name), string.Empty);
        }

        var sessions = CaptureFile.GroupSessions([_dir]);

        sessions.Select(s => s.Select(Path.GetFileName).ToArray()).Should().BeEquivalentTo(
            new[]
            {
                new[] { "2021-04-05_C.combined.txt.gz" },
                new[] { "2021-07-22_B.http.txt.gz", "2021-07-22_B.ws.txt.gz" },
                new[] { "2021-10-12_A.http.txt.gz", "2021-10-12_A.ws.txt.gz" },
            },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void GroupSessions_MissingInput_Throws()
    {
        var act = () => CaptureFile.GroupSessions([Path.Combine(_dir, "missing.txt.gz")]);

        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Read_InvalidLine_ThrowsInvalidDataException()
    {
        var path = Path.Combine(_dir, "bad.txt");
        File.WriteAllLines(path, ["wss://x <-> 1", "not a capture line"]);

        var act = () => CaptureFile.Read(path).ToList();

        act.Should().Throw<InvalidDataException>();
    }

    private static void WriteGzip(string path, params string[] lines)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }
}
