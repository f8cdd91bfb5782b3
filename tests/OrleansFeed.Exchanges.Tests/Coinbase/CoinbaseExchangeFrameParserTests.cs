using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>Verifies the Coinbase Exchange feed parser on recorded frames (coinbase/2021-04-17_7-products.ws.txt.gz) and on malformed input.</summary>
public class CoinbaseExchangeFrameParserTests
{
    private static readonly Timestamp Received = new(1_618_677_817_118_808);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly CoinbaseExchangeFrameParser _parser = new(new SymbolTable(["SKL-GBP", "SKL-USD", "BAND-BTC", "DASH-BTC"], upperCase: true));

    [Fact]
    public void Snapshot_RecordedFrameShortened_IsSnapshotWithBothSides()
    {
        // Line 20, level lists cut to two levels per side.
        const string frame = """{"type":"snapshot","product_id":"BAND-BTC","asks":[["0.00033519","19.22"],["0.00033525","29.65"]],"bids":[["0.00033449","36.73"],["0.00033448","152.72"]]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Symbol.Should().Be("BAND-BTC");
        e.ExchangeTime.Should().Be(Timestamp.None, "a level2 snapshot carries no time");
        levels.Should().Equal("a:0.00033519:19.22", "a:0.00033525:29.65", "b:0.00033449:36.73", "b:0.00033448:152.72");
    }

    [Fact]
    public void L2Update_RecordedFrame_DiffWithSideTimeAndNoIds()
    {
        // Line 29.
        const string frame = """{"type":"l2update","product_id":"SKL-USD","changes":[["buy","0.7885","0.0"]],"time":"2021-04-17T16:43:37.077621Z"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.Symbol.Should().Be("SKL-USD");
        e.FirstUpdateId.Should().Be(0);
        e.LastUpdateId.Should().Be(0, "level2 has no sequence numbers");
        e.PreviousUpdateId.Should().Be(-1);
        e.ExchangeTime.Should().Be(Timestamp.FromDateTimeOffset(new DateTimeOffset(2021, 4, 17, 16, 43, 37, TimeSpan.Zero).AddTicks(776210)));
        e.ReceiveTime.Should().Be(Received);
        levels.Should().Equal("b:0.7885:0.0");
    }

    [Fact]
    public void L2Update_SeveralChanges_AllRead()
    {
        const string frame = """{"type":"l2update","product_id":"SKL-GBP","changes":[["sell","0.5762","335.0"],["buy","0.5742","0"]],"time":"2021-04-17T16:43:37.078325Z"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        _sink.BookEvents.Single().Levels.Should().Equal("a:0.5762:335.0", "b:0.5742:0");
    }

    [Theory]
    [InlineData("buy", AggressorSide.Sell)]
    [InlineData("sell", AggressorSide.Buy)]
    public void Match_MakerSide_AggressorIsOpposite(string makerSide, AggressorSide expected)
    {
        // Line 34 (match) with the side varied.
        var frame = """{"type":"match","trade_id":1568269,"maker_order_id":"c693fab4-fc61-4b10-97e8-28b7cf4478d4","taker_order_id":"97d525bb-9bf4-43e4-8942-c47f50cd52a1","side":"SIDE","size":"1787","price":"0.7912","product_id":"SKL-USD","sequence":201390097,"time":"2021-04-17T16:43:37.140491Z"}"""
            .Replace("SIDE", makerSide, StringComparison.Ordinal);

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Single();
        symbol.Should().Be("SKL-USD");
        trade.TradeId.Should().Be(1568269);
        trade.Price.ToString().Should().Be("0.7912");
        trade.Size.ToString().Should().Be("1787");
        trade.Aggressor.Should().Be(expected);
        trade.ExchangeTime.Should().Be(Timestamp.FromDateTimeOffset(new DateTimeOffset(2021, 4, 17, 16, 43, 37, TimeSpan.Zero).AddTicks(1404910)));
    }

    [Fact]
    public void LastMatch_RecordedFrame_IsATrade()
    {
        // Line 9.
        const string frame = """{"type":"last_match","trade_id":82007,"maker_order_id":"9d2861bd-1703-47f2-a7f4-7723565a7f5c","taker_order_id":"dd068ce5-f175-4396-bae1-a1db56d209f5","side":"buy","size":"1008.2","price":"0.5752","product_id":"SKL-GBP","sequence":27883326,"time":"2021-04-17T16:43:29.571587Z"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        _sink.Trades.Single().Trade.Aggressor.Should().Be(AggressorSide.Sell);
    }

    [Fact]
    public void Ticker_RecordedFrame_BboWithSequenceAndZeroSizes()
    {
        // Line 8: the 2021 ticker has best_bid / best_ask but no sizes.
        const string frame = """{"type":"ticker","sequence":27883326,"product_id":"SKL-GBP","price":"0.5752","open_24h":"0.5102","volume_24h":"3479861.10000000","low_24h":"0.5","high_24h":"0.588","volume_30d":"76123674.10000000","best_bid":"0.5752","best_ask":"0.5771","side":"sell","time":"2021-04-17T16:43:29.571587Z","trade_id":82007,"last_size":"1008.2"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("SKL-GBP");
        bbo.UpdateId.Should().Be(27883326);
        bbo.BidPrice.ToString().Should().Be("0.5752");
        bbo.AskPrice.ToString().Should().Be("0.5771");
        bbo.BidSize.IsZero.Should().BeTrue();
        bbo.AskSize.IsZero.Should().BeTrue();
    }

    [Fact]
    public void Ticker_WithSizes_SizesRead()
    {
        const string frame = """{"type":"ticker","sequence":5,"product_id":"SKL-GBP","best_bid":"0.5752","best_bid_size":"10.5","best_ask":"0.5771","best_ask_size":"3","time":"2021-04-17T16:43:29.571587Z"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var bbo = _sink.Bbos.Single().Bbo;
        bbo.BidSize.ToString().Should().Be("10.5");
        bbo.AskSize.ToString().Should().Be("3");
    }

    [Theory]
    [InlineData("""{"type":"subscriptions","channels":[{"name":"level2","product_ids":["SKL-GBP"]}]}""", ParseStatus.Control)]
    [InlineData("""{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"SKL-GBP","time":"2021-04-17T16:43:29.571587Z"}""", ParseStatus.Control)]
    [InlineData("""{"type":"error","message":"Failed to subscribe","reason":"level2 requires authentication"}""", ParseStatus.Control)]
    [InlineData("""{"type":"received","product_id":"SKL-GBP"}""", ParseStatus.Ignored)]
    public void ControlAndUnusedTypes_NothingForTheSink(string frame, ParseStatus expected)
    {
        Parse(frame).Should().Be(expected);

        _sink.Total.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"type":"l2update","product_id":"BTC-EUR","changes":[["buy","1","1"]],"time":"2021-04-17T16:43:29Z"}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP","changes":[["hold","1","1"]]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP","changes":[["buy","1","-1"]]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP","changes":[["buy","x","1"]]}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP","changes":[["buy","1","1"]],"time":"yesterday"}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"type":"snapshot","product_id":"SKL-GBP","bids":[]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"type":"match","trade_id":1,"side":"buy","size":"1","price":"0","product_id":"SKL-GBP"}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"type":"match","trade_id":1,"side":"buy","size":"1","product_id":"SKL-GBP"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"type":"mystery"}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"product_id":"SKL-GBP"}""", FrameRejectReason.MissingField)]
    [InlineData("""[1,2]""", FrameRejectReason.Malformed)]
    [InlineData("""{"type":"l2update","product_id":"SKL-GBP","changes":[["buy","1",""", FrameRejectReason.Malformed)]
    public void BadFrame_RejectedWithReasonNeverThrows(string frame, FrameRejectReason expected)
    {
        Parse(frame).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(expected);
        _sink.BookEvents.Should().BeEmpty();
    }

    [Fact]
    public void OversizedFrame_RejectedTooLarge()
    {
        var parser = new CoinbaseExchangeFrameParser(new SymbolTable(["SKL-GBP"]), new ParseLimits { MaxFrameBytes = 10 });

        parser.Parse("""{"type":"heartbeat"}"""u8, Received, _sink).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Single().Reason.Should().Be(FrameRejectReason.TooLarge);
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
