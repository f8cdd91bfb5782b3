using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.KuCoin;

namespace OrleansFeed.Exchanges.Tests.KuCoin;

/// <summary>Verifies KuCoin REST reading: level-2 snapshots (public and full URLs), /api/v2/symbols instruments, and offline symbol naming.</summary>
public class KuCoinReferenceDataTests
{
    private static readonly Timestamp Received = Timestamp.FromUnixMilliseconds(1_619_378_326_663);
    private readonly KuCoinProtocol _protocol = new();

    [Theory]
    [InlineData("https://api.kucoin.com/api/v3/market/orderbook/level2?symbol=BCHSV-USDT")]
    [InlineData("https://api.kucoin.com/api/v1/market/orderbook/level2_100?symbol=BCHSV-USDT")]
    [InlineData("https://api.kucoin.com/api/v1/market/orderbook/level2_20?symbol=bchsv-usdt")]
    public void TryParseSnapshotResponse_RecordedShape_ReadsSequenceLevelsAndTime(string url)
    {
        // Head of the recorded BCHSV-USDT snapshot.
        var body = """{"code":"200000","data":{"time":1619378326628,"sequence":"1613277183892","bids":[["242.649","5"],["242.646","0.68148185"]],"asks":[["242.951","4.51280965"]]}}"""u8;

        _protocol.TryParseSnapshotResponse(url, body, Received, ParseLimits.Default, out var snapshot, out _).Should().BeTrue();

        try
        {
            snapshot.Kind.Should().Be(BookEventKind.Snapshot);
            snapshot.Symbol.Should().Be("BCHSV-USDT");
            snapshot.LastUpdateId.Should().Be(1613277183892);
            snapshot.ExchangeTime.Should().Be(Timestamp.FromUnixMilliseconds(1619378326628));
            snapshot.LevelSpan.ToArray().Select(l => $"{(l.Side == BookSide.Bid ? "b" : "a")}:{l.Price}:{l.Size}")
                .Should().Equal("b:242.649:5", "b:242.646:0.68148185", "a:242.951:4.51280965");
        }
        finally
        {
            snapshot.ReturnLevels();
        }
    }

    [Theory]
    [InlineData("""{"code":"400100","msg":"symbol not exists"}""", FrameRejectReason.MissingField)]
    [InlineData("""{"code":"429000","data":{"sequence":"1","bids":[],"asks":[]}}""", FrameRejectReason.MissingField)]
    [InlineData("""{"code":"200000","data":{"sequence":"x","bids":[],"asks":[]}}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"code":"200000","data":{"sequence":"1","bids":[["a","1"]],"asks":[]}}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"code":"200000","data":{"sequence":"1","bids":[]""", FrameRejectReason.Malformed)]
    public void TryParseSnapshotResponse_BadBody_ReturnsFalseWithReason(string body, FrameRejectReason reason)
    {
        _protocol.TryParseSnapshotResponse(
            "https://api.kucoin.com/api/v1/market/orderbook/level2_100?symbol=BTC-USDT", Encoding.UTF8.GetBytes(body), Received, ParseLimits.Default, out _, out var actual)
            .Should().BeFalse();
        actual.Should().Be(reason);
    }

    [Theory]
    [InlineData("https://api.kucoin.com/api/v1/market/allTickers")]
    [InlineData("https://api.kucoin.com/api/v1/market/orderbook/level2_100")]
    public void TryParseSnapshotResponse_OtherUrlOrNoSymbol_ReturnsFalse(string url) =>
        _protocol.TryParseSnapshotResponse(url, """{"code":"200000","data":{"sequence":"1","bids":[],"asks":[]}}"""u8, Received, ParseLimits.Default, out _, out _)
            .Should().BeFalse();

    [Fact]
    public void TryParseInstruments_DocumentedV2SymbolsResponse_ReadsTickLotStatusAndCanonical()
    {
        // Shape of GET /api/v2/symbols in the KuCoin docs ("Get All Symbols").
        var body = """
            {"code":"200000","data":[
              {"symbol":"BTC-USDT","name":"BTC-USDT","baseCurrency":"BTC","quoteCurrency":"USDT","feeCurrency":"USDT","market":"USDS",
               "baseMinSize":"0.00001","quoteMinSize":"0.1","baseMaxSize":"10000000000","quoteMaxSize":"99999999","baseIncrement":"0.00000001",
               "quoteIncrement":"0.000001","priceIncrement":"0.1","priceLimitRate":"0.1","minFunds":"0.1","isMarginEnabled":true,"enableTrading":true,
               "st":false,"callauctionIsEnabled":false},
              {"symbol":"XBT-EUR","name":"XBT-EUR","baseCurrency":"XBT","quoteCurrency":"EUR","baseIncrement":"0.0001","priceIncrement":"0.01","enableTrading":false},
              {"symbol":"BROKEN","name":"BROKEN"}
            ]}
            """u8;

        _protocol.TryParseInstruments(body, out var instruments).Should().BeTrue();

        instruments.Should().HaveCount(2, "entries without currencies are skipped");
        instruments[0].Should().Be(new Instrument(
            "kucoin", "BTC-USDT", "BTC-USDT", InstrumentKind.Spot, "BTC", "USDT", FixedDecimal.Parse("0.1"), FixedDecimal.Parse("0.00000001"), InstrumentStatus.Trading));
        instruments[1].Canonical.Should().Be("BTC-EUR", "asset aliases are folded");
        instruments[1].Status.Should().Be(InstrumentStatus.Halted);
        instruments[1].TickSize.ToString().Should().Be("0.01");
    }

    [Theory]
    [InlineData("""{"code":"400003","msg":"KC-API-KEY not exists"}""")]
    [InlineData("""{"code":"200000","data":{}}""")]
    [InlineData("""[""")]
    public void TryParseInstruments_ErrorOrMalformed_ReturnsFalse(string body)
    {
        _protocol.TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeFalse();
        instruments.Should().BeEmpty();
    }

    [Theory]
    [InlineData("BTC-USDT", "BTC-USDT", "BTC", "USDT")]
    [InlineData("BCHSV-USDT", "BCHSV-USDT", "BCHSV", "USDT")]
    [InlineData("ANKR-BTC", "ANKR-BTC", "ANKR", "BTC")]
    [InlineData("XBT-EUR", "BTC-EUR", "BTC", "EUR")]
    [InlineData("WEIRD", "WEIRD", "WEIRD", "")]
    public void InferInstrument_Symbol_SplitsAtDash(string symbol, string canonical, string baseAsset, string quoteAsset)
    {
        var instrument = _protocol.InferInstrument(symbol);

        instrument.Venue.Should().Be(Venues.KuCoin);
        instrument.Symbol.Should().Be(symbol);
        instrument.Canonical.Should().Be(canonical);
        instrument.BaseAsset.Should().Be(baseAsset);
        instrument.QuoteAsset.Should().Be(quoteAsset);
        instrument.Kind.Should().Be(InstrumentKind.Spot);
        instrument.Status.Should().Be(InstrumentStatus.Unknown);
    }
}
