using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies the Binance frame parser on valid frames (real recorded frames where possible): depth, trades, BBO, control, ignored streams.</summary>
public class BinanceFrameParserTests
{
    private static readonly Timestamp Received = new(1_633_998_512_564_785);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly BinanceFrameParser _parser = new(new SymbolTable(["NKNUSDT", "CTKUSDT", "SANDUSDT", "NEOUSDT"]));

    [Fact]
    public void SpotDepth_RecordedFrame_ParsedWithIdsLevelsAndTimes()
    {
        // binance_spot/2021-10-12_BLZETH-LRCBTC-NKNUSDT-RUNEEUR.ws.txt.gz, line 3.
        const string frame = """{"stream":"nknusdt@depth@100ms","data":{"e":"depthUpdate","E":1633998512568,"s":"NKNUSDT","U":499869753,"u":499869754,"b":[["0.35170000","4265.00000000"]],"a":[["0.35290000","10968.00000000"]]}}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        e.Kind.Should().Be(BookEventKind.Diff);
        e.Symbol.Should().Be("NKNUSDT");
        e.FirstUpdateId.Should().Be(499869753);
        e.LastUpdateId.Should().Be(499869754);
        e.PreviousUpdateId.Should().Be(-1, "spot sends no pu");
        e.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1633998512568));
        e.ReceiveTime.Should().Be(Received);
        levels.Should().Equal("b:0.35170000:4265.00000000", "a:0.35290000:10968.00000000");
        _sink.Rejections.Should().BeEmpty();
    }

    [Fact]
    public void FuturesDepth_RecordedFrame_CarriesPu()
    {
        // binance_futures/2021-04-05_BATUSDT-CHRUSDT-CTKUSDT-NEOUSDT-SANDUSDT.combined.txt.gz, line 5.
        const string frame = """{"stream":"ctkusdt@depth@100ms","data":{"e":"depthUpdate","E":1617647797616,"T":1617647797540,"s":"CTKUSDT","U":303212647675,"u":303212648154,"pu":303212645332,"b":[["3.27524","0"]],"a":[["3.64307","170"],["3.64448","0"]]}}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.PreviousUpdateId.Should().Be(303212645332);
        e.FirstUpdateId.Should().Be(303212647675);
        e.LastUpdateId.Should().Be(303212648154);
        levels.Should().Equal("b:3.27524:0", "a:3.64307:170", "a:3.64448:0");
    }

    [Fact]
    public void SymbolFromTable_IsTheInternedInstance()
    {
        var symbols = new SymbolTable(["NKNUSDT"]);
        var interned = symbols.Symbols.Single();
        var parser = new BinanceFrameParser(symbols);

        parser.Parse("""{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":1,"u":1,"b":[],"a":[]}"""u8, Received, _sink);

        _sink.BookEvents.Single().Event.Symbol.Should().BeSameAs(interned);
    }

    [Theory]
    [InlineData(true, AggressorSide.Sell)]
    [InlineData(false, AggressorSide.Buy)]
    public void AggTrade_BuyerIsMaker_AggressorIsOppositeSide(bool buyerIsMaker, AggressorSide expected)
    {
        // binance_futures 2021-04-05 combined, line 8, with m varied.
        var frame = """{"stream":"sandusdt@aggTrade","data":{"e":"aggTrade","E":1617647797640,"a":9445517,"s":"SANDUSDT","p":"0.69067","q":"369","f":12821738,"l":12821738,"T":1617647797485,"m":M}}"""
            .Replace("\"m\":M", buyerIsMaker ? "\"m\":true" : "\"m\":false", StringComparison.Ordinal);

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Single();
        symbol.Should().Be("SANDUSDT");
        trade.TradeId.Should().Be(9445517);
        trade.Price.ToString().Should().Be("0.69067");
        trade.Size.ToString().Should().Be("369");
        trade.Aggressor.Should().Be(expected);
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1617647797485), "the trade time T, not the event time E");
    }

    [Fact]
    public void Trade_UsesTField()
    {
        Parse("""{"e":"trade","E":1000,"s":"NKNUSDT","t":42,"p":"1.5","q":"2","T":999,"m":false,"M":true}""").Should().Be(ParseStatus.Data);

        _sink.Trades.Single().Trade.TradeId.Should().Be(42);
    }

    [Fact]
    public void SpotBookTicker_WithoutEventType_ClassifiedByShape()
    {
        // binance_spot 2021-10-12 ws: spot bookTicker has no "e" and no "E".
        const string frame = """{"stream":"nknusdt@bookTicker","data":{"u":499869768,"s":"NKNUSDT","b":"0.35210000","B":"672.00000000","a":"0.35260000","A":"3199.00000000"}}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("NKNUSDT");
        bbo.UpdateId.Should().Be(499869768);
        bbo.BidPrice.ToString().Should().Be("0.35210000");
        bbo.BidSize.ToString().Should().Be("672.00000000");
        bbo.AskPrice.ToString().Should().Be("0.35260000");
        bbo.AskSize.ToString().Should().Be("3199.00000000");
        bbo.ExchangeTime.Should().Be(Timestamp.None);
    }

    [Fact]
    public void RawSpotBookTicker_NoWrapperNoEventType_Parsed()
    {
        Parse("""{"u":499869768,"s":"NKNUSDT","b":"0.35210000","B":"672.00000000","a":"0.35260000","A":"3199.00000000"}""").Should().Be(ParseStatus.Data);

        _sink.Bbos.Should().ContainSingle();
    }

    [Fact]
    public void FuturesBookTicker_RecordedFrame_HasExchangeTime()
    {
        const string frame = """{"stream":"neousdt@bookTicker","data":{"e":"bookTicker","u":303212650041,"s":"NEOUSDT","b":"57.273","B":"1.89","a":"57.289","A":"6.10","T":1617647797639,"E":1617647797643}}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var bbo = _sink.Bbos.Single().Bbo;
        bbo.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1617647797643));
        bbo.AskSize.ToString().Should().Be("6.10");
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""")]
    [InlineData("""{"id":3,"result":["btcusdt@depth"]}""")]
    public void SubscribeReply_IsControl(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);

        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Kline_RecordedFrame_IsIgnored()
    {
        const string frame = """{"stream":"nknusdt@kline_1m","data":{"e":"kline","E":1633998523963,"s":"NKNUSDT","k":{"t":1633998480000,"T":1633998539999,"s":"NKNUSDT","i":"1m","f":19862761,"L":19862790,"o":"0.35270000","c":"0.35280000","h":"0.35280000","l":"0.35220000","v":"25877.00000000","n":30,"x":false,"q":"9116.04600000","V":"58.00000000","Q":"20.46240000","B":"0"}}}""";

        Parse(frame).Should().Be(ParseStatus.Ignored);
        Parse("""{"e":"kline","E":1,"s":"NKNUSDT","k":{}}""").Should().Be(ParseStatus.Ignored, "a raw kline payload too");

        _sink.Total.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1700000000000}}""")]
    [InlineData("""{"e":"serverShutdown","E":1700000000000}""")]
    public void ServerShutdown_NotifiesSink(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);

        _sink.ShutdownNotices.Should().Be(1);
    }

    [Fact]
    public void RawDepthPayload_NotWrapped_Parsed()
    {
        Parse("""{"e":"depthUpdate","E":1633998512568,"s":"NKNUSDT","U":5,"u":7,"b":[],"a":[["1.0","2"]]}""").Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.FirstUpdateId.Should().Be(5);
        levels.Should().Equal("a:1.0:2");
    }

    [Fact]
    public void DataBeforeStream_ClassifiedByEventType()
    {
        Parse("""{"data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":5,"u":7,"b":[],"a":[]},"stream":"nknusdt@depth"}""").Should().Be(ParseStatus.Data);

        _sink.BookEvents.Should().ContainSingle();
    }

    [Fact]
    public void LevelWithExtraElementsAndNumericPrice_ExtrasSkippedScaleKept()
    {
        Parse("""{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":5,"u":7,"b":[[1.50,"2",[1,2],{"x":1}]],"a":[]}""").Should().Be(ParseStatus.Data);

        _sink.BookEvents.Single().Levels.Should().Equal("b:1.50:2");
    }

    [Fact]
    public void AcceptUnknownSymbolTable_AddsNewSymbolOnce()
    {
        var symbols = new SymbolTable([], acceptUnknown: true);
        var parser = new BinanceFrameParser(symbols);
        var frame = Encoding.UTF8.GetBytes("""{"e":"depthUpdate","E":1,"s":"XYZUSDT","U":5,"u":7,"b":[],"a":[]}""");

        parser.Parse(frame, Received, _sink).Should().Be(ParseStatus.Data);
        parser.Parse(frame, Received, _sink).Should().Be(ParseStatus.Data);

        symbols.Symbols.Should().Equal("XYZUSDT");
        _sink.BookEvents[0].Event.Symbol.Should().BeSameAs(_sink.BookEvents[1].Event.Symbol);
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
