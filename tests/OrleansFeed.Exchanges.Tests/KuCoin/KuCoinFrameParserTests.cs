using OrleansFeed.Core.Quotes;
using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.KuCoin;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Verifies the KuCoin frame parser on frames copied from the 2021-04-25 recording, and its rejection of bad input.</summary>
public class KuCoinFrameParserTests
{
    private static readonly Timestamp Received = Timestamp.FromUnixMilliseconds(1_619_378_326_000);
    private readonly KuCoinFrameParser _parser = new(new SymbolTable(["BCHSV-USDT", "CAPP-BTC"], upperCase: true));
    private readonly RecordingMarketEventSink _sink = new();

    [Fact]
    public void Parse_L2UpdateWithBid_EmitsDiffWithSequencesAndLevelSequence()
    {
        const string frame = """{"data":{"sequenceStart":1612694580140,"symbol":"CAPP-BTC","changes":{"asks":[],"bids":[["0.0000002102","245.42","1612694580140"]]},"sequenceEnd":1612694580140},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (diff, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        diff.Kind.Should().Be(BookEventKind.Diff);
        diff.Symbol.Should().Be("CAPP-BTC");
        diff.FirstUpdateId.Should().Be(1612694580140);
        diff.LastUpdateId.Should().Be(1612694580140);
        diff.PreviousUpdateId.Should().Be(-1);
        diff.ExchangeTime.Should().Be(Timestamp.None, "2021 l2update frames carry no time");
        diff.ReceiveTime.Should().Be(Received);
        levels.Should().Equal("b:0.0000002102:245.42");
    }

    [Fact]
    public void Parse_L2UpdateLevel_KeepsItsOwnSequence()
    {
        var sink = new SequenceSink();
        const string frame = """{"data":{"sequenceStart":5,"symbol":"BCHSV-USDT","time":1619378326330,"changes":{"asks":[["242.951","4.5","6"]],"bids":[["242.654","0","5"]]},"sequenceEnd":6},"subject":"trade.l2update","topic":"/market/level2:BCHSV-USDT","type":"message"}""";

        _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, sink).Should().Be(ParseStatus.Data);

        sink.Levels.Should().Equal(
            new LevelUpdate(BookSide.Ask, FixedDecimal.Parse("242.951"), FixedDecimal.Parse("4.5"), 6),
            new LevelUpdate(BookSide.Bid, FixedDecimal.Parse("242.654"), FixedDecimal.Zero, 5));
        sink.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1619378326330));
    }

    [Fact]
    public void Parse_L2UpdatePricePlaceholder_EmitsDiffWithoutLevelsSoSequenceAdvances()
    {
        const string frame = """{"data":{"sequenceStart":1612694580141,"symbol":"CAPP-BTC","changes":{"asks":[],"bids":[["0","0","1612694580141"]]},"sequenceEnd":1612694580141},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (diff, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        diff.LastUpdateId.Should().Be(1612694580141);
        levels.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Match_EmitsTradeWithTakerSideNanosecondTimeAndSequenceId()
    {
        const string frame = """{"data":{"symbol":"BCHSV-USDT","sequence":"1613277184661","side":"sell","size":"0.14324938","price":"242.781","takerOrderId":"6085c0a0b3436b00064d456b","time":"1619378336197407320","type":"match","makerOrderId":"6085c0a0587c2000060d188c","tradeId":"6085c0a069bc50686d66da3c"},"subject":"trade.l3match","topic":"/market/match:BCHSV-USDT","type":"message"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Should().ContainSingle().Subject;
        symbol.Should().Be("BCHSV-USDT");
        trade.TradeId.Should().Be(1613277184661);
        trade.Price.ToString().Should().Be("242.781");
        trade.Size.ToString().Should().Be("0.14324938");
        trade.Aggressor.Should().Be(AggressorSide.Sell, "KuCoin's side is the taker's");
        trade.ExchangeTime.Should().Be(new Timestamp(1619378336197407));
        trade.ReceiveTime.Should().Be(Received);
    }

    [Fact]
    public void Parse_Ticker_EmitsBboWithSymbolFromTopic()
    {
        const string frame = """{"data":{"sequence":"1613277183873","bestAsk":"242.951","size":"0.08000012","bestBidSize":"0.68148185","price":"243.65","time":1619378326330,"bestAskSize":"4.51280965","bestBid":"242.654"},"subject":"trade.ticker","topic":"/market/ticker:BCHSV-USDT","type":"message"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Should().ContainSingle().Subject;
        symbol.Should().Be("BCHSV-USDT");
        bbo.UpdateId.Should().Be(1613277183873);
        bbo.BidPrice.ToString().Should().Be("242.654");
        bbo.BidSize.ToString().Should().Be("0.68148185");
        bbo.AskPrice.ToString().Should().Be("242.951");
        bbo.AskSize.ToString().Should().Be("4.51280965");
        bbo.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1619378326330));
    }

    [Theory]
    [InlineData("""{"id":"NSkIrWGB1s","type":"welcome"}""")]
    [InlineData("""{"id":"1","type":"ack"}""")]
    [InlineData("""{"id":"7","type":"pong"}""")]
    public void Parse_ControlFrames_ReturnControlAndEmitNothing(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);
        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Parse_Candles_IsIgnored()
    {
        const string frame = """{"data":{"symbol":"BCHSV-USDT","candles":["1619378280","242.781","242.781","242.781","242.781","0.14324938","34.77822772578"],"time":1619378337806000034},"subject":"trade.candles.add","topic":"/market/candles:BCHSV-USDT_1min","type":"message"}""";

        Parse(frame).Should().Be(ParseStatus.Ignored);
        _sink.Total.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"id":"1","type":"error","code":404,"data":"topic /market/level2:XX-YY is not found"}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"data":{"sequenceStart":1,"symbol":"ETH-USDT","changes":{"asks":[],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:ETH-USDT","type":"message"}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"data":{"sequenceStart":1,"symbol":"CAPP-BTC","changes":{"asks":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"data":{"sequenceStart":2,"symbol":"CAPP-BTC","changes":{"asks":[],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"data":{"sequenceStart":1,"symbol":"CAPP-BTC","changes":{"asks":[["1.5","-2","1"]],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"data":{"sequenceStart":1,"symbol":"CAPP-BTC","changes":{"asks":[["0","2","1"]],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"data":{"sequenceStart":1,"symbol":"CAPP-BTC","changes":{"asks":[["1.x","2","1"]],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"data":{"sequenceStart":"x","symbol":"CAPP-BTC","changes":{"asks":[],"bids":[]},"sequenceEnd":1},"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"data":{"symbol":"BCHSV-USDT","sequence":"1","side":"sideways","size":"1","price":"2","time":"1"},"subject":"trade.l3match","topic":"/market/match:BCHSV-USDT","type":"message"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"data":{"sequence":"1","bestAsk":"2","bestBidSize":"1","bestAskSize":"1","bestBid":"1"},"subject":"trade.ticker","topic":"/market/ticker:ETH-USDT","type":"message"}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"data":{"sequence":"1","bestAsk":"2","bestBidSize":"1","bestBid":"1"},"subject":"trade.ticker","topic":"/market/ticker:BCHSV-USDT","type":"message"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"subject":"trade.l2update","topic":"/market/level2:CAPP-BTC","type":"message"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"data":{"sequenceStart":1,""", FrameRejectReason.Malformed)]
    [InlineData("""[1,2]""", FrameRejectReason.Malformed)]
    public void Parse_BadFrame_RejectsWithReasonAndNeverThrows(string frame, FrameRejectReason reason)
    {
        Parse(frame).Should().Be(ParseStatus.Rejected);
        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(reason);
        _sink.BookEvents.Should().BeEmpty();
    }

    [Fact]
    public void Parse_FrameOverSizeCap_RejectsTooLarge()
    {
        var parser = new KuCoinFrameParser(new SymbolTable(["CAPP-BTC"]), new ParseLimits { MaxFrameBytes = 16 });

        parser.Parse("""{"id":"1","type":"ack"}"""u8, Received, _sink).Should().Be(ParseStatus.Rejected);
        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(FrameRejectReason.TooLarge);
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);

    /// <summary>Keeps the raw level updates (with their sequences) of the last diff.</summary>
    private sealed class SequenceSink : IMarketEventSink
    {
        public LevelUpdate[] Levels { get; private set; } = [];

        public Timestamp ExchangeTime { get; private set; }

        public void OnBookEvent(in BookEvent bookEvent)
        {
            Levels = bookEvent.LevelSpan.ToArray();
            ExchangeTime = bookEvent.ExchangeTime;
            bookEvent.ReturnLevels();
        }

        public void OnTrade(string symbol, in Trade trade)
        {
        }

        public void OnBestBidOffer(string symbol, in BestBidOffer bbo)
        {
        }

        public void OnRejected(FrameRejectReason reason, string? symbol) => throw new InvalidOperationException(reason.ToString());

        public void OnServerShutdownNotice()
        {
        }
    }
}
