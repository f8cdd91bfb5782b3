using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>Verifies the OKX frame parser on recorded frames: book snapshot/update ids and checksums, trades, tickers, pong, events and rejects.</summary>
public class OkxFrameParserTests
{
    private static readonly Timestamp Received = new(1_646_003_667_879_285);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly OkxFrameParser _parser = new(new SymbolTable(["ETH-USD-220624-20000-C", "XMR-USDT-SWAP", "ONT-USDT", "ETH-USD-220228-3000-C", "BTC-USDT"]));

    [Fact]
    public void BookSnapshot_RecordedFrame_IsSnapshotWithLevelsChecksumAndNoSequence()
    {
        // okx/2022-02-27_books-l2-tbt_trades_tickers_10-instruments.ws.txt.gz, line 81.
        const string frame = """{"arg":{"channel":"books-l2-tbt","instId":"ETH-USD-220624-20000-C"},"action":"snapshot","data":[{"asks":[["0.0025","20","0","1"],["0.003","1506","0","3"]],"bids":[],"ts":"1646003667339","checksum":1483419732}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Symbol.Should().Be("ETH-USD-220624-20000-C");
        e.Checksum.Should().Be(1483419732u);
        e.LastUpdateId.Should().Be(OkxBookSync.NoSequence, "2022 frames carry no seqId");
        e.PreviousUpdateId.Should().Be(OkxBookSync.NoSequence);
        e.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1646003667339));
        e.ReceiveTime.Should().Be(Received);
        levels.Should().Equal("a:0.0025:20", "a:0.003:1506");
    }

    [Fact]
    public void BookUpdate_RecordedFrameWithNegativeChecksum_IsDiffWithUnsignedChecksum()
    {
        // okx/2021-07-22 recording: an update removing the best ask (size "0"), with a negative checksum.
        const string frame = """{"arg":{"channel":"books-l2-tbt","instId":"XMR-USDT-SWAP"},"action":"update","data":[{"asks":[["196.11","0","0","0"]],"bids":[],"ts":"1626995754051","checksum":-35145558}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.Checksum.Should().Be(unchecked((uint)-35145558), "OKX's signed int32 is compared as its unsigned bit pattern");
        levels.Should().Equal("a:196.11:0");
    }

    [Fact]
    public void BookUpdate_V5ShapeWithSeqIdsAndZeroChecksum_MapsIdsAndHasNoChecksum()
    {
        // §6 book push format with the 2026 "checksum: 0" (= none).
        const string frame = """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8476.98","415","0","13"]],"bids":[],"ts":"1597026383085","checksum":0,"prevSeqId":123456,"seqId":123457}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var e = _sink.BookEvents.Single().Event;
        e.FirstUpdateId.Should().Be(123457);
        e.LastUpdateId.Should().Be(123457);
        e.PreviousUpdateId.Should().Be(123456);
        e.Checksum.Should().BeNull("OKX sends 0 now that the checksum is deprecated");
    }

    [Fact]
    public void Book_DataBeforeArg_IsParsedTheSame()
    {
        const string frame = """{"data":[{"bids":[["0.62","642","0","1"]],"asks":[],"seqId":5,"prevSeqId":4,"ts":"1626995753424","checksum":1367084306}],"action":"update","arg":{"instId":"ONT-USDT","channel":"books"}}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Symbol.Should().Be("ONT-USDT");
        e.Kind.Should().Be(BookEventKind.Diff);
        e.LastUpdateId.Should().Be(5);
        levels.Should().Equal("b:0.62:642");
    }

    [Fact]
    public void Trades_RecordedFrame_TakerSideIdPriceSizeTime()
    {
        // okx/2021-07-22 recording, first XMR-USDT-SWAP trade.
        const string frame = """{"arg":{"channel":"trades","instId":"XMR-USDT-SWAP"},"data":[{"instId":"XMR-USDT-SWAP","tradeId":"6845125","px":"196.11","sz":"8","side":"buy","ts":"1626995753200"}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Should().ContainSingle().Subject;
        symbol.Should().Be("XMR-USDT-SWAP");
        trade.TradeId.Should().Be(6845125);
        trade.Price.ToString().Should().Be("196.11");
        trade.Size.ToString().Should().Be("8");
        trade.Aggressor.Should().Be(AggressorSide.Buy);
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1626995753200));
    }

    [Fact]
    public void Ticker_RecordedFrame_IsTheVenueBbo()
    {
        // okx/2021-07-22 recording, first XMR-USDT-SWAP ticker.
        const string frame = """{"arg":{"channel":"tickers","instId":"XMR-USDT-SWAP"},"data":[{"instType":"SWAP","instId":"XMR-USDT-SWAP","last":"196.11","lastSz":"8","askPx":"196.11","askSz":"116","bidPx":"195.96","bidSz":"342","open24h":"197.31","high24h":"202.54","low24h":"189.85","sodUtc0":"196.66","sodUtc8":"199.56","volCcy24h":"65232.9","vol24h":"652329","ts":"1626995753264"}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("XMR-USDT-SWAP");
        bbo.BidPrice.ToString().Should().Be("195.96");
        bbo.BidSize.ToString().Should().Be("342");
        bbo.AskPrice.ToString().Should().Be("196.11");
        bbo.AskSize.ToString().Should().Be("116");
        bbo.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1626995753264));
    }

    [Fact]
    public void Ticker_RecordedFrame_GivesTheVenues24hFiguresExactly()
    {
        // okx/2021-07-22 recording, first ONT-USDT ticker (spot: vol24h in base units).
        const string frame = """{"arg":{"channel":"tickers","instId":"ONT-USDT"},"data":[{"instType":"SPOT","instId":"ONT-USDT","last":"0.6217","lastSz":"1342.208542","askPx":"0.6218","askSz":"85","bidPx":"0.6214","bidSz":"57.871136","open24h":"0.608","high24h":"0.6314","low24h":"0.5967","sodUtc0":"0.6131","sodUtc8":"0.6275","volCcy24h":"9400150.288967","vol24h":"15292929.815123","ts":"1626995748886"}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, ticker) = _sink.VenueTickers.Single();
        symbol.Should().Be("ONT-USDT");
        ticker.Open.ToString().Should().Be("0.608");
        ticker.High.ToString().Should().Be("0.6314");
        ticker.Low.ToString().Should().Be("0.5967");
        ticker.Last.ToString().Should().Be("0.6217");
        ticker.Volume.ToString().Should().Be("15292929.815123");
        ticker.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1626995748886));
        ticker.ReceiveTime.Should().NotBe(Timestamp.None);
        _sink.Bbos.Should().ContainSingle();
    }

    [Fact]
    public void Ticker_RecordedFrameWithEmptyBid_GivesVenueTickerWithoutBbo()
    {
        // okx/2022-02-27 recording, line 79: an option with no bid.
        const string frame = """{"arg":{"channel":"tickers","instId":"ETH-USD-220228-3000-C"},"data":[{"instType":"OPTION","instId":"ETH-USD-220228-3000-C","last":"0.001","lastSz":"1","askPx":"0.001","askSz":"1031","bidPx":"","bidSz":"","open24h":"0.001","high24h":"0.001","low24h":"0.001","sodUtc0":"0.001","sodUtc8":"0.001","volCcy24h":"1","vol24h":"1","ts":"1646003643149"}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        _sink.Total.Should().Be(0, "no BBO without a bid");
        var (_, ticker) = _sink.VenueTickers.Single();
        ticker.Last.ToString().Should().Be("0.001");
        ticker.Volume.ToString().Should().Be("1");
    }

    [Theory]
    [InlineData("pong")]
    [InlineData("""{"event":"subscribe","arg":{"channel":"books-l2-tbt","instId":"FUN-BTC"}}""")]
    [InlineData("""{"event":"error","code":"60012","msg":"Invalid request"}""")]
    [InlineData("""{"arg":{"channel":"books","instId":"UNKNOWN-X"},"event":"subscribe","connId":"a4d3ae55"}""")]
    public void ControlFrames_PongAndEvents_AreControlWithNothingForTheSink(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);

        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void NoticeEvent_ServiceUpgrade_RaisesShutdownNotice()
    {
        Parse("""{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade."}""").Should().Be(ParseStatus.Control);

        _sink.ShutdownNotices.Should().Be(1);
    }

    [Theory]
    [InlineData("""{"arg":{"channel":"books","instId":"DOGE-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1"}]}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["x","1"]],"bids":[],"ts":"1"}]}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"ts":"1"}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"tradeId":"1","px":"1","sz":"1","side":"up","ts":"1"}]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"arg":{"channel":"weird","instId":"BTC-USDT"},"data":[]}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[[""", FrameRejectReason.Malformed)]
    public void BadFrames_AreRejectedWithReasonNeverThrown(string frame, FrameRejectReason reason)
    {
        Parse(frame).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(reason);
        _sink.BookEvents.Should().BeEmpty();
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
