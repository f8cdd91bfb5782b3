using System.Text;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Exchanges.Tests.Capture;

/// <summary>Verifies every cryptofeed raw-recording line shape is imported with exact microsecond times and URL attribution.</summary>
public class CryptofeedCaptureImporterTests
{
    private const string FuturesUrl = "wss://fstream.binance.com/stream?streams=sandusdt@aggTrade/batusdt@depth@100ms";
    private const string SpotUrl = "wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms";

    [Fact]
    public void ConfigurationAndBlankLines_CarryNoRecord()
    {
        var importer = new CryptofeedCaptureImporter();

        importer.TryParseLine("""configuration: {"l2_book":["SAND-USDT"]}""", out _).Should().BeFalse();
        importer.TryParseLine(string.Empty, out _).Should().BeFalse();
    }

    [Fact]
    public void OpenLine_OpenRecordWithUrlAndTime()
    {
        var importer = new CryptofeedCaptureImporter();

        importer.TryParseLine($"{FuturesUrl} <-> 1617647796.76969", out var record).Should().BeTrue();

        record.Kind.Should().Be(CaptureRecordKind.Open);
        record.Source.Should().Be(FuturesUrl);
        record.Time.UnixMicroseconds.Should().Be(1_617_647_796_769_690);
        record.Payload.Length.Should().Be(0);
    }

    [Fact]
    public void ReceivedLines_AttributedToLastOpenedConnection_TimeTruncatedToMicroseconds()
    {
        var importer = new CryptofeedCaptureImporter();
        const string frame = """{"stream":"batusdt@depth@100ms","data":{"e":"depthUpdate","s":"BATUSDT","b":[["1.2187","425.9"]]}}""";

        importer.TryParseLine("1617647790.5: {\"early\":1}", out var orphan).Should().BeTrue();
        importer.TryParseLine($"{FuturesUrl} <-> 1617647796.76969", out _);
        importer.TryParseLine($"1617647797.5963788: {frame}", out var first).Should().BeTrue();
        importer.TryParseLine($"{SpotUrl} <-> 1617647798", out _);
        importer.TryParseLine("1617647799.000001: {\"x\":\": not a separator\"}", out var second).Should().BeTrue();

        orphan.Source.Should().BeEmpty("no connection was opened yet");
        first.Kind.Should().Be(CaptureRecordKind.Received);
        first.Source.Should().Be(FuturesUrl);
        first.Time.UnixMicroseconds.Should().Be(1_617_647_797_596_378, "7 fraction digits are truncated to µs");
        Encoding.UTF8.GetString(first.Payload.Span).Should().Be(frame);
        second.Source.Should().Be(SpotUrl);
        second.Time.UnixMicroseconds.Should().Be(1_617_647_799_000_001);
        Encoding.UTF8.GetString(second.Payload.Span).Should().Be("{\"x\":\": not a separator\"}");
    }

    [Fact]
    public void SentLine_SentRecord()
    {
        var importer = new CryptofeedCaptureImporter();

        importer.TryParseLine("""wss://stream.binance.com:9443/ws <- 1633998511.2: {"method":"SUBSCRIBE","params":["a@depth"],"id":1}""", out var record).Should().BeTrue();

        record.Kind.Should().Be(CaptureRecordKind.Sent);
        record.Source.Should().Be("wss://stream.binance.com:9443/ws");
        record.Time.UnixMicroseconds.Should().Be(1_633_998_511_200_000);
        Encoding.UTF8.GetString(record.Payload.Span).Should().Be("""{"method":"SUBSCRIBE","params":["a@depth"],"id":1}""");
    }

    [Fact]
    public void RestLine_RestRecordWithRequestUrl()
    {
        var importer = new CryptofeedCaptureImporter();
        importer.TryParseLine($"{FuturesUrl} <-> 1617647796.76969", out _);

        importer.TryParseLine("""https://fapi.binance.com/fapi/v1/depth?symbol=BATUSDT&limit=1000 -> 1617647797.9072561: {"lastUpdateId":303212654508,"bids":[],"asks":[]}""", out var record).Should().BeTrue();

        record.Kind.Should().Be(CaptureRecordKind.Rest);
        record.Source.Should().Be("https://fapi.binance.com/fapi/v1/depth?symbol=BATUSDT&limit=1000");
        record.Time.UnixMicroseconds.Should().Be(1_617_647_797_907_256);
        Encoding.UTF8.GetString(record.Payload.Span).Should().Be("""{"lastUpdateId":303212654508,"bids":[],"asks":[]}""");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1617647797.59 no colon separator")]
    [InlineData("wss://x ?? 1617647797.5: {}")]
    [InlineData("wss://x <- 1617647797.5 {}")]
    [InlineData("wss://x <-> notatime")]
    [InlineData("wss://x -> -5: {}")]
    [InlineData("12abc: {}")]
    public void InvalidLine_ThrowsInvalidDataException(string line)
    {
        var importer = new CryptofeedCaptureImporter();

        var act = () => importer.TryParseLine(line, out _);

        act.Should().Throw<InvalidDataException>();
    }
}
