using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Bybit;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Bybit;

/// <summary>Verifies the Bybit frame parser on recorded v5 and v2 frames and documented v5 shapes: books, trades, control replies and rejects.</summary>
public class BybitFrameParserTests
{
    private static readonly Timestamp Received = new(1_749_833_474_285_131);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly BybitFrameParser _parser = new(new SymbolTable(["BANDUSDT", "BCHUSDT", "BTCUSDT"], upperCase: true));

    [Fact]
    public void V5Snapshot_RecordedFrame_MapsUToLastIdAndSeqToFirstId()
    {
        // bybit/2025-06-13_v5-linear_orderbook.1_4-symbols.ws.txt.gz, line 6.
        const string frame = """{"topic":"orderbook.1.BANDUSDT","type":"snapshot","ts":1749833474773,"data":{"s":"BANDUSDT","b":[["0.6131","17.9"]],"a":[["0.6134","35.4"]],"u":24042997,"seq":209972815373},"cts":1749833474768}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Symbol.Should().Be("BANDUSDT");
        e.LastUpdateId.Should().Be(24042997);
        e.FirstUpdateId.Should().Be(209972815373);
        e.PreviousUpdateId.Should().Be(-1);
        e.Checksum.Should().BeNull();
        e.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1749833474773));
        levels.Should().Equal("b:0.6131:17.9", "a:0.6134:35.4");
    }

    [Fact]
    public void V5Delta_DocumentedShapeTsAfterData_IsDiff()
    {
        // §7 orderbook message, keys reordered ("the JSON key order differs by market").
        const string frame = """{"topic":"orderbook.50.BTCUSDT","data":{"s":"BTCUSDT","b":[["16493.50","0.006"],["16493.00","0"]],"a":[["16611.00","0.029"]],"u":18521288,"seq":7961638724},"type":"delta","ts":1672304484978,"cts":1672304484976}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.LastUpdateId.Should().Be(18521288);
        e.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1672304484978));
        levels.Should().Equal("b:16493.50:0.006", "b:16493.00:0", "a:16611.00:0.029");
    }

    [Fact]
    public void V5PublicTrade_DocumentedShape_TakerSideAndBlockTradeSkipped()
    {
        // §7 publicTrade shape; the second trade is a block trade (BT:true) and is skipped.
        const string frame = """{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1672304486868,"data":[{"T":1672304486865,"s":"BTCUSDT","S":"Sell","v":"0.001","p":"16578.50","L":"PlusTick","i":"20f43950-d8dd-5b31-9112-a178eb6023af","BT":false},{"T":1672304486866,"s":"BTCUSDT","S":"Buy","v":"5","p":"16500.00","L":"PlusTick","i":"2290000000061666327","BT":true}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Should().ContainSingle().Subject;
        symbol.Should().Be("BTCUSDT");
        trade.Aggressor.Should().Be(AggressorSide.Sell);
        trade.Price.ToString().Should().Be("16578.50");
        trade.Size.ToString().Should().Be("0.001");
        trade.TradeId.Should().Be(0, "a UUID trade id is not numeric");
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1672304486865));
    }

    [Fact]
    public void V2Delta_RecordedFrame_DeleteUpdateInsertInOrderWithCrossSeq()
    {
        // bybit/2021-04-17_v2-realtime_public_orderBookL2_25_trade.ws.txt.gz: BCHUSDT delta with one of each action.
        const string frame = """{"topic":"orderBookL2_25.BCHUSDT","type":"delta","data":{"delete":[{"price":"1053.90","symbol":"BCHUSDT","id":"10539000","side":"Buy"}],"update":[{"price":"1053.95","symbol":"BCHUSDT","id":"10539500","side":"Buy","size":6.22}],"insert":[{"price":"1054.30","symbol":"BCHUSDT","id":"10543000","side":"Buy","size":13.329999}]},"cross_seq":"864131821","timestamp_e6":"1618677786589984"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.LastUpdateId.Should().Be(864131821);
        e.PreviousUpdateId.Should().Be(BybitBookSync.CrossSequenceOnly);
        e.ExchangeTime.Should().Be(new Timestamp(1618677786589984));
        levels.Should().Equal("b:1053.90:0", "b:1053.95:6.22", "b:1054.30:13.329999");
    }

    [Fact]
    public void V2Snapshot_OrderBookArrayShape_IsSnapshot()
    {
        // v2 USDT snapshot shape (the recorded BCHUSDT snapshot cut to two levels).
        const string frame = """{"topic":"orderBookL2_25.BCHUSDT","type":"snapshot","data":{"order_book":[{"price":"1053.05","symbol":"BCHUSDT","id":"10530500","side":"Buy","size":2.63},{"price":"1055.95","symbol":"BCHUSDT","id":"10559500","side":"Sell","size":29.04}]},"cross_seq":"864131773","timestamp_e6":"1618677786389362"}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.LastUpdateId.Should().Be(864131773);
        levels.Should().Equal("b:1053.05:2.63", "a:1055.95:29.04");
    }

    [Fact]
    public void V2Trade_RecordedFrame_TakerSideAndTradeTime()
    {
        // bybit/2021-04-17 v2 recording, line 18.
        const string frame = """{"topic":"trade.BCHUSDT","data":[{"symbol":"BCHUSDT","tick_direction":"MinusTick","price":"1053.90","size":0.14,"timestamp":"2021-04-17T16:43:05.000Z","trade_time_ms":"1618677785116","side":"Buy","trade_id":"01cacfe9-8d1c-5ee4-995d-d79a43f955a6"}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (_, trade) = _sink.Trades.Single();
        trade.Aggressor.Should().Be(AggressorSide.Buy);
        trade.Price.ToString().Should().Be("1053.90");
        trade.Size.ToString().Should().Be("0.14");
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1618677785116));
    }

    [Theory]
    [InlineData("""{"success":true,"ret_msg":"","conn_id":"a38867ec-70b5-4044-a765-54b36bdd6fd9","req_id":"","op":"subscribe"}""")]
    [InlineData("""{"success":true,"ret_msg":"","conn_id":"38cf0ac3-af67-483c-9bbc-b57d45910ecb","request":{"op":"subscribe","args":["trade.BCHUSDT"]}}""")]
    [InlineData("""{"success":true,"ret_msg":"pong","conn_id":"0970e817-426e-429a-a679-ff7f55e0b16a","op":"ping"}""")]
    [InlineData("""{"op":"pong","args":["1675418560633"],"conn_id":"cfcb4ocsvfriu23r3er0"}""")]
    public void ControlFrames_AcksAndPongs_AreControl(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);

        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Tickers_KnownButUnused_IsIgnored() =>
        Parse("""{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","bid1Price":"1"},"cs":1,"ts":1}""").Should().Be(ParseStatus.Ignored);

    [Theory]
    [InlineData("""{"topic":"orderbook.1.ETHUSDT","type":"snapshot","ts":1,"data":{"s":"ETHUSDT","b":[],"a":[],"u":1,"seq":1}}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"topic":"orderbook.1.BTCUSDT","type":"snapshot","ts":1,"data":{"s":"BTCUSDT","b":[],"a":[]}}""", FrameRejectReason.MissingField)]
    [InlineData("""{"topic":"orderbook.1.BTCUSDT","type":"delta","ts":1,"data":{"b":[["-1","2"]],"a":[],"u":2}}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"topic":"mystery.BTCUSDT","data":{}}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"topic":"publicTrade.BTCUSDT","data":[{"S":"Buy","v":"1"}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"topic":"orderBookL2_25.BCHUSDT","type":"delta","data":{"delete":[]}}""", FrameRejectReason.MissingField)]
    [InlineData("""[1,2""", FrameRejectReason.Malformed)]
    public void BadFrames_AreRejectedWithReasonNeverThrown(string frame, FrameRejectReason reason)
    {
        Parse(frame).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(reason);
        _sink.BookEvents.Should().BeEmpty();
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
