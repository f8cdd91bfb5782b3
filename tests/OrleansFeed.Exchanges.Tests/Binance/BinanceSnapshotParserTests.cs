using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies REST depth snapshot parsing: recorded spot/futures bodies, error bodies and bad input reported as reasons.</summary>
public class BinanceSnapshotParserTests
{
    private static readonly Timestamp Received = new(1_617_647_797_907_256);

    [Fact]
    public void FuturesSnapshot_WithEventTime_Parsed()
    {
        const string body = """{"lastUpdateId":303212654508,"E":1617647797886,"T":1617647797881,"bids":[["1.2236","49.4"],["1.2234","392.5"]],"asks":[["1.2242","475.3"]]}""";

        BinanceSnapshotParser.TryParse(Encoding.UTF8.GetBytes(body), "BATUSDT", Received, null, out var snapshot, out _).Should().BeTrue();

        snapshot.Kind.Should().Be(BookEventKind.Snapshot);
        snapshot.Symbol.Should().Be("BATUSDT");
        snapshot.LastUpdateId.Should().Be(303212654508);
        snapshot.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1617647797886));
        snapshot.ReceiveTime.Should().Be(Received);
        snapshot.LevelSpan.ToArray().Select(l => $"{l.Side}:{l.Price}:{l.Size}").Should().Equal("Bid:1.2236:49.4", "Bid:1.2234:392.5", "Ask:1.2242:475.3");
        snapshot.ReturnLevels();
    }

    [Fact]
    public void SpotSnapshot_NoEventTime_ExchangeTimeNone()
    {
        const string body = """{"lastUpdateId":499869752,"bids":[["0.35210000","672.00000000"]],"asks":[]}""";

        BinanceSnapshotParser.TryParse(Encoding.UTF8.GetBytes(body), "NKNUSDT", Received, null, out var snapshot, out _).Should().BeTrue();

        snapshot.ExchangeTime.Should().Be(Timestamp.None);
        snapshot.LevelCount.Should().Be(1);
        snapshot.ReturnLevels();
    }

    [Theory]
    [InlineData("""{"code":-1121,"msg":"Invalid symbol."}""", FrameRejectReason.MissingField)]
    [InlineData("""{"lastUpdateId":1,"bids":[]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"lastUpdateId":"1","bids":[],"asks":[]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"lastUpdateId":1.5,"bids":[],"asks":[]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"lastUpdateId":1,"bids":[["1","-2"]],"asks":[]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"lastUpdateId":1,"bids":[["0","2"]],"asks":[]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"lastUpdateId":1,"bids":[["x","2"]],"asks":[]}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"lastUpdateId":1,"bids":[["1","2"]""", FrameRejectReason.Malformed)]
    [InlineData("""<html>502</html>""", FrameRejectReason.Malformed)]
    [InlineData("", FrameRejectReason.Malformed)]
    [InlineData("[1]", FrameRejectReason.Malformed)]
    public void BadBody_ReturnsFalseWithReason(string body, FrameRejectReason expected)
    {
        var ok = BinanceSnapshotParser.TryParse(Encoding.UTF8.GetBytes(body), "X", Received, null, out _, out var reason);

        ok.Should().BeFalse();
        reason.Should().Be(expected);
    }

    [Fact]
    public void LimitsExceeded_TooLargeAndTooManyLevels()
    {
        var body = Encoding.UTF8.GetBytes("""{"lastUpdateId":1,"bids":[["1","2"],["2","2"]],"asks":[["3","1"]]}""");

        BinanceSnapshotParser.TryParse(body, "X", Received, new ParseLimits { MaxFrameBytes = 10 }, out _, out var tooLarge).Should().BeFalse();
        BinanceSnapshotParser.TryParse(body, "X", Received, new ParseLimits { MaxLevelsPerMessage = 2 }, out _, out var tooMany).Should().BeFalse();

        tooLarge.Should().Be(FrameRejectReason.TooLarge);
        tooMany.Should().Be(FrameRejectReason.TooManyLevels);
    }
}
