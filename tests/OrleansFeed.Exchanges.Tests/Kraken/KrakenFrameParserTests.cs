using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Core.Trades;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Kraken;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies the Kraken parser on real v1 frames from the recordings and on the documented v2 shapes.</summary>
public class KrakenFrameParserTests
{
    private static readonly Timestamp Received = new(1_617_666_424_942_793);
    private readonly RecordingMarketEventSink _sink = new();
    private readonly KrakenFrameParser _parser = new(new SymbolTable([], acceptUnknown: true));

    [Theory]
    [InlineData("""{"connectionID":17413893361151983591,"event":"systemStatus","status":"online","version":"1.8.3"}""")]
    [InlineData("""{"event":"heartbeat"}""")]
    [InlineData("""{"channelID":320,"channelName":"book-1000","event":"subscriptionStatus","pair":"XBT/USD","status":"subscribed","subscription":{"depth":1000,"name":"book"}}""")]
    [InlineData("""{"event":"pong","reqid":42}""")]
    [InlineData("""{"channel":"heartbeat"}""")]
    [InlineData("""{"channel":"status","type":"update","data":[{"api_version":"v2","connection_id":1,"system":"online","version":"2.0.0"}]}""")]
    [InlineData("""{"method":"pong","req_id":101,"time_in":"2023-09-24T14:10:23.799685Z","time_out":"2023-09-24T14:10:23.799703Z"}""")]
    public void Parse_ControlMessages_ReturnControlAndEmitNothing(string frame)
    {
        Parse(frame).Should().Be(ParseStatus.Control);
        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Parse_V1UpdateOneSide_DiffWithDepthChecksumAndLevelTime()
    {
        var status = Parse("""[320,{"b":[["58724.80000","0.36000000","1617666423.690142"]],"c":"1611137690"},"book-1000","XBT/USD"]""");

        status.Should().Be(ParseStatus.Data);
        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.Symbol.Should().Be("XBT/USD");
        e.FirstUpdateId.Should().Be(1000, "the subscribed depth travels in FirstUpdateId");
        e.LastUpdateId.Should().Be(1);
        e.Checksum.Should().Be(1611137690u);
        e.ExchangeTime.UnixMicroseconds.Should().Be(1617666423690142);
        e.ReceiveTime.Should().Be(Received);
        levels.Should().Equal("b:58724.80000:0.36000000");
    }

    [Fact]
    public void Parse_V1UpdateWithRepublish_KeepsArrayOrderAndLatestTime()
    {
        Parse("""[320,{"b":[["58719.70000","0.00000000","1617666423.693648"],["55225.00000","0.50000000","1617640142.435065","r"]],"c":"226497374"},"book-1000","XBT/USD"]""");

        var (e, levels) = _sink.BookEvents.Single();
        levels.Should().Equal("b:58719.70000:0.00000000", "b:55225.00000:0.50000000");
        e.ExchangeTime.UnixMicroseconds.Should().Be(1617666423693648, "the republished level keeps its old time");
        e.Checksum.Should().Be(226497374u);
    }

    [Fact]
    public void Parse_V1UpdateTouchingBothSides_OneEventAsksThenBidsChecksumFromLastObject()
    {
        Parse("""[320,{"a":[["61308.50000","0.00000000","1617666539.868687"],["61800.00000","1.48600534","1617648977.752138","r"],["61206.90000","0.00000000","1617666539.869073"],["61813.60000","0.00500000","1617566855.844121","r"],["61410.20000","0.00000000","1617666539.870038"],["61816.40000","0.12983051","1617666288.174674","r"]]},{"b":[["56123.40000","0.06137256","1617666539.870272"]],"c":"1768150633"},"book-1000","XBT/USD"]""");

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Diff);
        e.Checksum.Should().Be(1768150633u);
        levels.Should().HaveCount(7);
        levels[0].Should().Be("a:61308.50000:0.00000000");
        levels[5].Should().Be("a:61816.40000:0.12983051");
        levels[6].Should().Be("b:56123.40000:0.06137256");
    }

    [Fact]
    public void Parse_V1Snapshot_SnapshotWithoutChecksum()
    {
        Parse("""[4784,{"as":[["0.71950000","25.17927939","1617666378.295242"],["0.71960000","1500.00000000","1617666377.216427"]],"bs":[["0.71900000","402.41890820","1617666402.010711"]]},"book-1000","USDC/GBP"]""");

        var (e, levels) = _sink.BookEvents.Single();
        e.Kind.Should().Be(BookEventKind.Snapshot);
        e.Checksum.Should().BeNull("v1 sends checksums on updates only");
        levels.Should().Equal("a:0.71950000:25.17927939", "a:0.71960000:1500.00000000", "b:0.71900000:402.41890820");
        e.ExchangeTime.UnixMicroseconds.Should().Be(1617666402010711);
    }

    [Fact]
    public void Parse_V1Trades_TakerSideAndExactTimes()
    {
        var status = Parse("""[321,[["58721.20000","0.02798644","1617666461.465618","s","m",""],["58721.20000","0.12749400","1617666461.466773","s","m",""]],"trade","XBT/USD"]""");

        status.Should().Be(ParseStatus.Data);
        _sink.Trades.Should().HaveCount(2);
        var (symbol, trade) = _sink.Trades[0];
        symbol.Should().Be("XBT/USD");
        trade.Price.ToString().Should().Be("58721.20000");
        trade.Size.ToString().Should().Be("0.02798644");
        trade.Aggressor.Should().Be(AggressorSide.Sell);
        trade.ExchangeTime.UnixMicroseconds.Should().Be(1617666461465618);
        trade.TradeId.Should().Be(0, "v1 trades carry no id");
        Parse("""[1153,[["230.021000","0.43626401","1617666464.062146","b","l",""]],"trade","DASH/EUR"]""");
        _sink.Trades[^1].Trade.Aggressor.Should().Be(AggressorSide.Buy);
    }

    [Fact]
    public void Parse_V1Ticker_BestBidOfferFromLotVolumes()
    {
        Parse("""[324,{"a":["58729.50000",0,"0.00480000"],"b":["58729.40000",4,"4.08620597"],"c":["58729.50000","0.00020000"],"v":["3396.81031914","3404.23543591"],"p":["58348.04111","58347.77257"],"t":[48645,48907],"l":["56820.00000","56820.00000"],"h":["59278.10000","59278.10000"],"o":["58195.10000","58199.50000"]},"ticker","XBT/USD"]""");

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("XBT/USD");
        bbo.BidPrice.ToString().Should().Be("58729.40000");
        bbo.BidSize.ToString().Should().Be("4.08620597");
        bbo.AskPrice.ToString().Should().Be("58729.50000");
        bbo.AskSize.ToString().Should().Be("0.00480000");
    }

    [Fact]
    public void Parse_V1Ticker_VenueTickerFromLast24HoursElements()
    {
        // kraken/2021-04-05_ticker_10-pairs.combined.txt.gz, first LSK/USD ticker.
        Parse("""[2228,{"a":["6.137376",93,"93.72697143"],"b":["6.102946",586,"586.00000000"],"c":["6.137376","6.27302857"],"v":["72500.44317962","72587.15901842"],"p":["6.107854","6.108023"],"t":[758,761],"l":["5.849649","5.849649"],"h":["6.335631","6.335631"],"o":["6.292375","6.249259"]},"ticker","LSK/USD"]""");

        var (symbol, ticker) = _sink.VenueTickers.Single();
        symbol.Should().Be("LSK/USD");
        ticker.Open.ToString().Should().Be("6.249259", "o[1] is the price 24 hours ago; o[0] is today's open");
        ticker.High.ToString().Should().Be("6.335631");
        ticker.Low.ToString().Should().Be("5.849649");
        ticker.Last.ToString().Should().Be("6.137376");
        ticker.Volume.ToString().Should().Be("72587.15901842", "v[1] is the last 24 hours' volume");
        ticker.ExchangeTime.Should().Be(Timestamp.None);
        _sink.Bbos.Should().ContainSingle();
    }

    [Fact]
    public void Parse_V2Ticker_VenueTickerWithOpenFromChange()
    {
        Parse("""{"channel":"ticker","type":"update","data":[{"symbol":"ALGO/USD","bid":0.10025,"bid_qty":740.0,"ask":0.10036,"ask_qty":1361.44813783,"last":0.10035,"volume":997038.98383185,"vwap":0.10148,"low":0.09979,"high":0.10285,"change":-0.00017,"change_pct":-0.17}]}""");

        var (symbol, ticker) = _sink.VenueTickers.Single();
        symbol.Should().Be("ALGO/USD");
        ticker.Open!.Value.ToDecimal().Should().Be(0.10052m);
        ticker.High.ToString().Should().Be("0.10285");
        ticker.Low.ToString().Should().Be("0.09979");
        ticker.Last.ToString().Should().Be("0.10035");
        ticker.Volume.ToString().Should().Be("997038.98383185");
    }

    [Fact]
    public void Parse_V1FrameWithoutNames_UsesChannelIdFromSubscriptionStatus()
    {
        Parse("""{"channelID":2224,"channelName":"book-25","event":"subscriptionStatus","pair":"LSK/USD","status":"subscribed","subscription":{"depth":25,"name":"book"}}""");

        Parse("""[2224,{"a":[["6.163866","681.74028082","1617666423.708183"]],"c":"3193328839"}]""").Should().Be(ParseStatus.Data);

        var (e, _) = _sink.BookEvents.Single();
        e.Symbol.Should().Be("LSK/USD");
        e.FirstUpdateId.Should().Be(25);
    }

    [Fact]
    public void Parse_V2BookSnapshotAndUpdate_RawNumberTextAndChecksum()
    {
        Parse("""{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":45283.5,"qty":0.10000000}],"asks":[{"price":45285.2,"qty":0.00100000}],"checksum":3310070434}]}""");
        Parse("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45281.0,"qty":0.00000000}],"asks":[],"checksum":974947235,"timestamp":"2023-10-06T17:35:55.440295Z"}]}""");

        _sink.BookEvents.Should().HaveCount(2);
        var (snapshot, snapshotLevels) = _sink.BookEvents[0];
        snapshot.Kind.Should().Be(BookEventKind.Snapshot);
        snapshot.Symbol.Should().Be("BTC/USD");
        snapshot.Checksum.Should().Be(3310070434u, "v2 snapshots carry a checksum too");
        snapshot.FirstUpdateId.Should().Be(KrakenFrameParser.DefaultV2Depth, "no subscribe ack was seen");
        snapshotLevels.Should().Equal("b:45283.5:0.10000000", "a:45285.2:0.00100000");
        var (update, updateLevels) = _sink.BookEvents[1];
        update.Kind.Should().Be(BookEventKind.Diff);
        update.Checksum.Should().Be(974947235u);
        update.ExchangeTime.UnixMicroseconds.Should().Be(1696613755440295);
        updateLevels.Should().Equal("b:45281.0:0.00000000");
    }

    [Fact]
    public void Parse_V2SubscribeAck_SetsDepthOfLaterBookEvents()
    {
        Parse("""{"method":"subscribe","result":{"channel":"book","depth":100,"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"2023-09-25T09:04:31.742599Z","time_out":"2023-09-25T09:04:31.742648Z","req_id":1}""")
            .Should().Be(ParseStatus.Control);

        Parse("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":45285.2,"qty":0.5}],"checksum":1}]}""");

        _sink.BookEvents.Single().Event.FirstUpdateId.Should().Be(100);
    }

    [Fact]
    public void Parse_V2Trade_TakerSideIdAndTime()
    {
        Parse("""{"channel":"trade","type":"update","data":[{"symbol":"MATIC/USD","side":"sell","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":4665906,"timestamp":"2023-09-25T07:49:37.708706Z"}]}""");

        var (symbol, trade) = _sink.Trades.Single();
        symbol.Should().Be("MATIC/USD");
        trade.TradeId.Should().Be(4665906);
        trade.Price.ToString().Should().Be("0.5117");
        trade.Size.ToString().Should().Be("40.0");
        trade.Aggressor.Should().Be(AggressorSide.Sell);
        trade.ExchangeTime.UnixMicroseconds.Should().Be(1695628177708706);
    }

    [Fact]
    public void Parse_V2Ticker_BestBidOffer()
    {
        Parse("""{"channel":"ticker","type":"update","data":[{"symbol":"ALGO/USD","bid":0.10025,"bid_qty":740.0,"ask":0.10036,"ask_qty":1361.44813783,"last":0.10035,"volume":997038.98383185,"vwap":0.10148,"low":0.09979,"high":0.10285,"change":-0.00017,"change_pct":-0.17}]}""");

        var (symbol, bbo) = _sink.Bbos.Single();
        symbol.Should().Be("ALGO/USD");
        bbo.BidPrice.ToString().Should().Be("0.10025");
        bbo.AskSize.ToString().Should().Be("1361.44813783");
    }

    [Fact]
    public void Parse_EitherSpelling_FindsConfiguredPair()
    {
        var parser = new KrakenFrameParser(new SymbolTable(["XBT/USD", "DOGE/USD"]));

        parser.Parse(Bytes("""{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1.0,"qty":1.0}],"asks":[],"checksum":1}]}"""), Received, _sink);
        parser.Parse(Bytes("""[1,{"a":[["0.1","1.0","1617666423.1"]],"c":"1"},"book-10","XDG/USD"]"""), Received, _sink);

        _sink.BookEvents.Select(e => e.Event.Symbol).Should().Equal("XBT/USD", "DOGE/USD");
    }

    [Fact]
    public void Parse_SpreadAndOhlc_Ignored()
    {
        Parse("""[330,["5698.40000","5700.00000","1542057299.545897","1.01234567","0.98765432"],"spread","XBT/USD"]""").Should().Be(ParseStatus.Ignored);
        Parse("""{"channel":"ohlc","type":"update","data":[]}""").Should().Be(ParseStatus.Ignored);
        _sink.Total.Should().Be(0);
    }

    private ParseStatus Parse(string frame) => _parser.Parse(Bytes(frame), Received, _sink);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
