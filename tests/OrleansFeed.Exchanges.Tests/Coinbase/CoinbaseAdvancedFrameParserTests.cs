using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Coinbase;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Coinbase;

/// <summary>Verifies the Coinbase Advanced Trade parser on the documented message shapes (§5), including the connection-wide sequence_num gap rule.</summary>
public class CoinbaseAdvancedFrameParserTests
{
    private static readonly Timestamp Received = new(1_675_974_770_000_000);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly CoinbaseAdvancedFrameParser _parser = new(new SymbolTable(["BTC-USD", "ETH-USD"], upperCase: true));

    [Fact]
    public void Level2Snapshot_DocumentedShape_SnapshotWithSequenceAndBidOfferSides()
    {
        Parse(Level2(0, "snapshot", "BTC-USD", ("bid", "21921.73", "0.06317902"), ("offer", "21921.74", "1.50"))).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents.Should().ContainSingle().Subject;
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Symbol.Should().Be("BTC-USD");
        e.FirstUpdateId.Should().Be(0);
        e.LastUpdateId.Should().Be(0);
        e.ExchangeTime.Should().Be(Timestamp.FromDateTimeOffset(new DateTimeOffset(2023, 2, 9, 20, 32, 50, TimeSpan.Zero).AddTicks(7149640)), "the nanosecond timestamp is truncated to µs");
        levels.Should().Equal("b:21921.73:0.06317902", "a:21921.74:1.50");
    }

    [Fact]
    public void Level2Update_AfterSnapshot_DiffCarriesSequenceNum()
    {
        Parse(Level2(7, "snapshot", "BTC-USD", ("bid", "1", "1")));
        Parse(Level2(8, "update", "BTC-USD", ("offer", "2", "0"))).Should().Be(ParseStatus.Data);

        var (e, levels) = _sink.BookEvents[^1];
        e.Kind.Should().Be(BookEventKind.Diff);
        e.LastUpdateId.Should().Be(8);
        levels.Should().Equal("a:2:0");
        _parser.SequenceGaps.Should().Be(0);
        _parser.LastSequence.Should().Be(8);
    }

    [Fact]
    public void SequenceGap_ResetsEveryBookOfTheConnectionBeforeTheMessage()
    {
        Parse(Level2(0, "snapshot", "BTC-USD", ("bid", "1", "1")));
        Parse(Level2(1, "snapshot", "ETH-USD", ("bid", "1", "1")));
        Parse(Level2(2, "update", "ETH-USD", ("bid", "1", "2")));

        Parse(Level2(5, "update", "BTC-USD", ("bid", "1", "3"))).Should().Be(ParseStatus.Data);

        _parser.SequenceGaps.Should().Be(1);
        _sink.BookEvents.Select(b => $"{b.Event.Kind}:{b.Event.Symbol}").Should().Equal(
            "Snapshot:BTC-USD", "Snapshot:ETH-USD", "Diff:ETH-USD", "ConnectionReset:BTC-USD", "ConnectionReset:ETH-USD", "Diff:BTC-USD");
    }

    [Fact]
    public void SequenceGap_OnHeartbeat_AlsoResetsBooks()
    {
        Parse(Level2(10, "snapshot", "BTC-USD", ("bid", "1", "1")));

        Parse("""{"channel":"heartbeats","client_id":"","timestamp":"2023-06-23T20:31:26.122969572Z","sequence_num":12,"events":[{"current_time":"2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105","heartbeat_counter":"3049"}]}""")
            .Should().Be(ParseStatus.Control);

        _sink.BookEvents[^1].Event.Kind.Should().Be(BookEventKind.ConnectionReset);
        _parser.SequenceGaps.Should().Be(1);
    }

    [Theory]
    [InlineData("BUY", AggressorSide.Sell)]
    [InlineData("SELL", AggressorSide.Buy)]
    public void MarketTrades_MakerSide_AggressorIsOppositeAndIdRead(string makerSide, AggressorSide expected)
    {
        var frame = """{"channel":"market_trades","client_id":"","timestamp":"2023-02-09T20:19:35.39625135Z","sequence_num":0,"events":[{"type":"update","trades":[{"trade_id":"12345","product_id":"ETH-USD","price":"1260.01","size":"0.3","side":"SIDE","time":"2019-08-14T20:42:27.265Z"}]}]}"""
            .Replace("SIDE", makerSide, StringComparison.Ordinal);

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, trade) = _sink.Trades.Single();
        symbol.Should().Be("ETH-USD");
        trade.TradeId.Should().Be(12345);
        trade.Price.ToString().Should().Be("1260.01");
        trade.Size.ToString().Should().Be("0.3");
        trade.Aggressor.Should().Be(expected);
        trade.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1565815347265));
    }

    [Fact]
    public void MarketTradesSnapshot_HistoricalTrades_Ignored()
    {
        const string frame = """{"channel":"market_trades","client_id":"","timestamp":"2023-02-09T20:19:35.39625135Z","sequence_num":0,"events":[{"type":"snapshot","trades":[{"trade_id":"1","product_id":"ETH-USD","price":"1260.01","size":"0.3","side":"BUY","time":"2019-08-14T20:42:27.265Z"}]}]}""";

        Parse(frame).Should().Be(ParseStatus.Ignored);

        _sink.Trades.Should().BeEmpty();
    }

    [Fact]
    public void Ticker_DocumentedShape_BboWithQuantities()
    {
        const string frame = """{"channel":"ticker","client_id":"","timestamp":"2023-02-09T20:30:37.167359596Z","sequence_num":3,"events":[{"type":"snapshot","tickers":[{"type":"ticker","product_id":"BTC-USD","price":"21932.98","volume_24_h":"16038.28770938","low_24_h":"21835.29","high_24_h":"23011.18","low_52_w":"15460","high_52_w":"48240","price_percent_chg_24_h":"-4.15775596190603","best_bid":"21931.98","best_bid_quantity":"0.5","best_ask":"21933.98","best_ask_quantity":"1.2"}]}]}""";

        Parse(frame).Should().Be(ParseStatus.Data);

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("BTC-USD");
        bbo.UpdateId.Should().Be(3);
        bbo.BidPrice.ToString().Should().Be("21931.98");
        bbo.BidSize.ToString().Should().Be("0.5");
        bbo.AskPrice.ToString().Should().Be("21933.98");
        bbo.AskSize.ToString().Should().Be("1.2");
    }

    [Theory]
    [InlineData("""{"channel":"subscriptions","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":0,"events":[{"subscriptions":{"level2":["BTC-USD"]}}]}""", ParseStatus.Control)]
    [InlineData("""{"type":"error","message":"failure to subscribe"}""", ParseStatus.Control)]
    [InlineData("""{"channel":"candles","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":0,"events":[]}""", ParseStatus.Ignored)]
    public void ControlAndUnusedChannels_NothingForTheSink(string frame, ParseStatus expected)
    {
        Parse(frame).Should().Be(expected);

        _sink.Total.Should().Be(0);
    }

    [Theory]
    [InlineData("""{"channel":"l2_data","sequence_num":0,"events":[{"type":"update","product_id":"DOGE-USD","updates":[]}]}""", FrameRejectReason.UnknownSymbol)]
    [InlineData("""{"channel":"l2_data","sequence_num":0,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"middle","price_level":"1","new_quantity":"1"}]}]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"channel":"l2_data","sequence_num":0,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","new_quantity":"1"}]}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"l2_data","sequence_num":0,"events":[{"type":"update","product_id":"BTC-USD"}]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"l2_data","sequence_num":"x","events":[]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"channel":"l2_data","sequence_num":0}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"mystery","sequence_num":0,"events":[]}""", FrameRejectReason.UnknownType)]
    [InlineData("""{"sequence_num":0,"events":[]}""", FrameRejectReason.MissingField)]
    [InlineData("""{"channel":"l2_data","sequence_num":0,"events":[{"type":""", FrameRejectReason.Malformed)]
    public void BadFrame_RejectedWithReasonNeverThrows(string frame, FrameRejectReason expected)
    {
        Parse(frame).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle().Which.Reason.Should().Be(expected);
        _sink.BookEvents.Should().BeEmpty();
    }

    private static string Level2(long sequence, string type, string product, params (string Side, string Price, string Quantity)[] updates)
    {
        var levels = string.Join(',', updates.Select(u => $$"""{"side":"{{u.Side}}","event_time":"1970-01-01T00:00:00Z","price_level":"{{u.Price}}","new_quantity":"{{u.Quantity}}"}"""));
        return $$"""{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":{{sequence}},"events":[{"type":"{{type}}","product_id":"{{product}}","updates":[{{levels}}]}]}""";
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Encoding.UTF8.GetBytes(frame), Received, _sink);
}
