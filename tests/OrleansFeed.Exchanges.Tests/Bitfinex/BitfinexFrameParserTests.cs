using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Bitfinex;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Bitfinex;

/// <summary>Verifies the Bitfinex v2 parser on recorded frames (bitfinex/2021-04-05_book_trades_ticker_8-pairs.combined.txt.gz): channel map, levels, trades, ticker, SEQ_ALL and checksum frames.</summary>
public class BitfinexFrameParserTests
{
    private const string BookSubscribed = """{"event":"subscribed","channel":"book","chanId":146467,"symbol":"tETHJPY","prec":"P0","freq":"F0","len":"100","pair":"ETHJPY"}""";
    private const string TradesSubscribed = """{"event":"subscribed","channel":"trades","chanId":146481,"symbol":"tETHJPY","pair":"ETHJPY"}""";
    private const string TickerSubscribed = """{"event":"subscribed","channel":"ticker","chanId":146475,"symbol":"tETHJPY","pair":"ETHJPY"}""";
    private static readonly Timestamp Received = new(1_617_643_607_743_965);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly BitfinexChannelDirectory _directory = new();
    private readonly BitfinexFrameParser _parser;

    public BitfinexFrameParserTests()
    {
        _parser = new BitfinexFrameParser(new SymbolTable(["tETHJPY", "tCHZUST"]), directory: _directory);
    }

    [Fact]
    public void Subscribed_BookChannel_MappedAndPublished()
    {
        Parse(BookSubscribed).Should().Be(ParseStatus.Control);

        _directory.TryGetBook("tETHJPY", out var chanId).Should().BeTrue();
        chanId.Should().Be(146467);
        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Snapshot_RecordedFrameShortened_LevelsSidedBySignWithSequence()
    {
        Parse(BookSubscribed);

        // Line 48, cut to three levels.
        Parse("""[146467,[[230850,1,0.79335794],[230820,1,0.39],[231310,2,-1.5]],22]""").Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Symbol.Should().Be("tETHJPY");
        e.LastUpdateId.Should().Be(22);
        e.FirstUpdateId.Should().Be(22);
        e.PreviousUpdateId.Should().Be(-1);
        levels.Should().Equal("b:230850:0.79335794", "b:230820:0.39", "a:231310:1.5");
    }

    [Theory]
    [InlineData("""[146467,[230560,0,1],23]""", "b:230560:0")]
    [InlineData("""[146467,[231310,0,-1],26]""", "a:231310:0")]
    [InlineData("""[146467,[230730,1,0.085725],28]""", "b:230730:0.085725")]
    [InlineData("""[146467,[230640,1,-3.5e-7],6184]""", "a:230640:0.00000035")]
    public void Update_RecordedFrame_CountZeroRemovesBySignOtherwiseSideBySign(string frame, string expected)
    {
        Parse(BookSubscribed);

        Parse(frame).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        levels.Should().Equal(expected);
    }

    [Fact]
    public void EmptySnapshot_IsSnapshotWithoutLevels()
    {
        Parse(BookSubscribed);

        Parse("""[146467,[],5]""").Should().Be(ParseStatus.Data);

        _sink.BookEvents.Single().Event.Kind.Should().Be(BookEventKind.Snapshot);
        _sink.BookEvents.Single().Levels.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""[146481,"te",[658733916,1617643611128,0.7574881,230890],394]""", AggressorSide.Buy, "0.7574881")]
    [InlineData("""[146481,"te",[658733916,1617643611128,-0.7574881,230890],394]""", AggressorSide.Sell, "0.7574881")]
    public void TradeExecuted_AmountSignIsTakerSide(string frame, AggressorSide expected, string size)
    {
        Parse(TradesSubscribed);

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Single();
        symbol.Should().Be("tETHJPY");
        trade.TradeId.Should().Be(658733916);
        trade.Price.ToString().Should().Be("230890");
        trade.Size.ToString().Should().Be(size);
        trade.Aggressor.Should().Be(expected);
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1617643611128));
    }

    [Fact]
    public void TradeUpdateAndTradeSnapshot_Ignored()
    {
        Parse(TradesSubscribed);

        Parse("""[146481,"tu",[658733916,1617643611128,0.7574881,230890],1]""").Should().Be(ParseStatus.Ignored);
        Parse("""[146481,[[658733912,1617643606120,1.1487,230890],[658733904,1617643586049,1.1504,230880]],2]""").Should().Be(ParseStatus.Ignored);

        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Ticker_RecordedFrame_BboFromFirstFourFields()
    {
        Parse(TickerSubscribed);

        // Line 41.
        Parse("""[146475,[230850,262.68048991,230910,808.4487696,1000.15968152,0.0044,230880,3989.38177644,233710,221300],6]""").Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("tETHJPY");
        bbo.UpdateId.Should().Be(6);
        bbo.BidPrice.ToString().Should().Be("230850");
        bbo.BidSize.ToString().Should().Be("262.68048991");
        bbo.AskPrice.ToString().Should().Be("230910");
        bbo.AskSize.ToString().Should().Be("808.4487696");
    }

    [Fact]
    public void Ticker_RecordedFrame_VenueTickerFromDailyFields()
    {
        Parse(TickerSubscribed);

        // Line 41: DAILY_CHANGE 1000.15968152, LAST_PRICE 230880, VOLUME 3989.38177644, HIGH 233710, LOW 221300.
        Parse("""[146475,[230850,262.68048991,230910,808.4487696,1000.15968152,0.0044,230880,3989.38177644,233710,221300],6]""").Should().Be(ParseStatus.Data);

        var (symbol, ticker) = _sink.VenueTickers.Single();
        symbol.Should().Be("tETHJPY");
        ticker.Open.ToString().Should().Be("229879.84031848", "open = LAST_PRICE − DAILY_CHANGE");
        ticker.High.ToString().Should().Be("233710");
        ticker.Low.ToString().Should().Be("221300");
        ticker.Last.ToString().Should().Be("230880");
        ticker.Volume.ToString().Should().Be("3989.38177644");
    }

    [Fact]
    public void Ticker_WithoutDailyFields_BboOnly()
    {
        Parse(TickerSubscribed);

        Parse("""[146475,[230850,262.68048991,230910,808.4487696],7]""").Should().Be(ParseStatus.Data);

        _sink.Bbos.Should().ContainSingle();
        _sink.VenueTickers.Should().BeEmpty();
    }

    [Fact]
    public void Heartbeat_KnownOrUnknownChannel_Control()
    {
        Parse(BookSubscribed);

        Parse("""[146467,"hb",2911]""").Should().Be(ParseStatus.Control);
        Parse("""[999,"hb",2912]""").Should().Be(ParseStatus.Control, "the recordings hold heartbeats of channels never acknowledged");

        _sink.Total.Should().Be(0);
        _parser.SequencedFrames.Should().Be(2);
    }

    [Fact]
    public void SequenceBreak_ResetsEveryBookOfTheConnectionFirst()
    {
        Parse(BookSubscribed);
        Parse("""{"event":"subscribed","channel":"book","chanId":146465,"symbol":"tCHZUST","prec":"P0","freq":"F0","len":"100","pair":"CHZUST"}""");
        Parse(TradesSubscribed);
        Parse("""[146467,[[230850,1,0.79335794]],10]""");
        Parse("""[146465,[[0.46688,1,3246.86920679]],11]""");

        Parse("""[146481,"hb",13]""").Should().Be(ParseStatus.Control);

        _parser.SequenceGaps.Should().Be(1);
        _sink.BookEvents.Where(b => b.Event.Kind == BookEventKind.ConnectionReset).Select(b => b.Event.Symbol)
            .Should().BeEquivalentTo(["tETHJPY", "tCHZUST"], "a lost frame may have belonged to any book");
        _parser.LastSequence.Should().Be(13);
    }

    [Fact]
    public void ChecksumFrame_LevelLessDiffCarryingUnsignedBits()
    {
        Parse(BookSubscribed);

        Parse("""[146467,"cs",-1599838411,40]""").Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        levels.Should().BeEmpty();
        e.Checksum.Should().Be(unchecked((uint)-1599838411));
        e.LastUpdateId.Should().Be(40);
    }

    [Fact]
    public void Unsubscribed_ChannelForgottenAndUnpublished()
    {
        Parse(BookSubscribed);

        Parse("""{"event":"unsubscribed","status":"OK","chanId":146467}""").Should().Be(ParseStatus.Control);

        _directory.TryGetBook("tETHJPY", out _).Should().BeFalse();
        Parse("""[146467,[230560,0,1],23]""").Should().Be(ParseStatus.Rejected);
        _sink.Rejections.Single().Reason.Should().Be(FrameRejectReason.UnknownSymbol);
    }

    [Theory]
    [InlineData("""{"event":"info","code":20051,"msg":"Stopping. Please try to reconnect"}""", 1)]
    [InlineData("""{"event":"info","version":2,"serverId":"08c3ea49-017b-4265-959a-aef128755661","platform":{"status":1}}""", 0)]
    [InlineData("""{"event":"conf","status":"OK","flags":65536}""", 0)]
    [InlineData("""{"event":"error","msg":"subscribe: dup","code":10301}""", 0)]
    public void Events_ControlAndRestartNotice(string frame, int notices)
    {
        Parse(frame).Should().Be(ParseStatus.Control);

        _sink.ShutdownNotices.Should().Be(notices);
    }

    [Fact]
    public void RawOrFundingOrUnknownSymbolChannel_DataIgnored()
    {
        Parse("""{"event":"subscribed","channel":"book","chanId":7,"symbol":"tETHJPY","prec":"R0","len":"25","pair":"ETHJPY"}""");
        Parse("""{"event":"subscribed","channel":"book","chanId":8,"symbol":"fUSD","prec":"P0","len":"25"}""");

        Parse("""[7,[[1,2,3]],1]""").Should().Be(ParseStatus.Ignored);
        Parse("""[8,[[0.0001,2,3,4]],2]""").Should().Be(ParseStatus.Ignored);

        _sink.Total.Should().Be(0);
    }

    [Theory]
    [InlineData("""[146467,[230560,"x",1],23]""", FrameRejectReason.WrongFieldType)]
    [InlineData("""[146467,[0,1,1],23]""", FrameRejectReason.InvalidLevel)]
    [InlineData("""[146467,[230560,1,0],23]""", FrameRejectReason.InvalidLevel)]
    [InlineData("""[146467,["a",1,1],23]""", FrameRejectReason.InvalidNumber)]
    [InlineData("""[146467,"zz",23]""", FrameRejectReason.UnknownType)]
    [InlineData("""[146467,[230560,1,1],23""", FrameRejectReason.Malformed)]
    [InlineData("""["x",1]""", FrameRejectReason.Malformed)]
    [InlineData("""{"chanId":1}""", FrameRejectReason.MissingField)]
    [InlineData("""42""", FrameRejectReason.Malformed)]
    [InlineData("""{"event":"subscribed","channel":"book","chanId":1e40,"symbol":"tETHJPY"}""", FrameRejectReason.WrongFieldType)]
    public void BadFrame_RejectedWithReasonNeverThrows(string frame, FrameRejectReason expected)
    {
        Parse(BookSubscribed);

        Parse(frame).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(expected);
        _sink.BookEvents.Should().BeEmpty();
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
