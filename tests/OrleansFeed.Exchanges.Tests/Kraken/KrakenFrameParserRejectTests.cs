using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies that bad Kraken frames are reported as reject reasons, never thrown, and emit no events.</summary>
public class KrakenFrameParserRejectTests
{
    private readonly RecordingMarketEventSink _sink = new();
    private readonly KrakenFrameParser _parser = new(new SymbolTable(["XBT/USD"]), new ParseLimits { MaxFrameBytes = 4096, MaxLevelsPerMessage = 3 });

    [Theory]
    [InlineData("""[320,{"b":[["58724.8""", FrameRejectReason.Malformed)]
    [InlineData("""not json""", FrameRejectReason.Malformed)]
    [InlineData("""42""", FrameRejectReason.Malformed)]
    [InlineData("""[320,{"b":[["58724.80000","0.36000000","1617666423.690142"]],"c":"1611137690"},"book-1000","ETH/USD"]""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""[320,{"b":[["58724.80000","-1.0","1617666423.690142"]],"c":"1"},"book-1000","XBT/USD"]""", FrameRejectReason.InvalidLevel)]
    [InlineData("""[320,{"b":[["58724.80000","abc","1617666423.690142"]],"c":"1"},"book-1000","XBT/USD"]""", FrameRejectReason.InvalidNumber)]
    [InlineData("""[320,{"b":[["1.0","1.0","1"],["2.0","1.0","1"],["3.0","1.0","1"],["4.0","1.0","1"]],"c":"1"},"book-1000","XBT/USD"]""", FrameRejectReason.TooManyLevels)]
    [InlineData("""[320,{"b":[["58724.80000","0.36000000","1617666423.690142"]],"c":"x12"},"book-1000","XBT/USD"]""", FrameRejectReason.WrongFieldType)]
    [InlineData("""[320,{"as":[],"b":[]},"book-1000","XBT/USD"]""", FrameRejectReason.Malformed)]
    [InlineData("""[320,{"b":[]},"","XBT/USD"]""", FrameRejectReason.UnknownType)]
    [InlineData("""[999,{"b":[]}]""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"book","type":"update","data":[{"bids":[],"asks":[]}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1.0}],"asks":[]}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":0,"qty":1.0}]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"channel":"","data":[]}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"foo":1}""", FrameRejectReason.UnknownType)]
    public void Parse_BadFrame_RejectedWithReasonAndNoEvents(string frame, FrameRejectReason expected)
    {
        var status = _parser.Parse(Encoding.UTF8.GetBytes(frame), new Timestamp(1), _sink);

        status.Should().Be(ParseStatus.Rejected);
        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(expected);
        _sink.BookEvents.Should().BeEmpty();
        _sink.Trades.Should().BeEmpty();
    }

    [Fact]
    public void Parse_FrameOverSizeCap_RejectedTooLarge()
    {
        var frame = new byte[4097];

        _parser.Parse(frame, new Timestamp(1), _sink).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Single().Reason.Should().Be(FrameRejectReason.TooLarge);
    }
}
