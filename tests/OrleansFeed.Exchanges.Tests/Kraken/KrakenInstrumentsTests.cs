using System.Text;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies AssetPairs reading (tick/lot size, status, canonical names) and offline inference from pair names.</summary>
public class KrakenInstrumentsTests
{
    // Shape of the documented GET /0/public/AssetPairs response (fields trimmed to those read plus a few others).
    private const string AssetPairs = """
        {"error":[],"result":{
          "XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency","base":"XXBT","aclass_quote":"currency","quote":"ZUSD","lot":"unit",
            "cost_decimals":5,"pair_decimals":1,"lot_decimals":8,"lot_multiplier":1,"leverage_buy":[2,3,4,5],"leverage_sell":[2,3,4,5],
            "fees":[[0,0.26],[50000,0.24]],"fees_maker":[[0,0.16],[50000,0.14]],"fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,
            "ordermin":"0.0001","costmin":"0.5","tick_size":"0.1","status":"online"},
          "XETHXXBT":{"altname":"ETHXBT","wsname":"ETH/XBT","base":"XETH","quote":"XXBT","pair_decimals":5,"lot_decimals":8,"ordermin":"0.002","status":"cancel_only"},
          "XDGUSD":{"altname":"XDGUSD","wsname":"XDG/USD","base":"XXDG","quote":"ZUSD","pair_decimals":7,"lot_decimals":8,"tick_size":"0.0000001","status":"reduce_only"},
          "USDCGBP":{"altname":"USDCGBP","wsname":"USDC/GBP","pair_decimals":4,"lot_decimals":8,"status":"delisted"},
          "XXBTZUSD.d":{"altname":"XBTUSD.d","base":"XXBT","quote":"ZUSD","pair_decimals":1,"lot_decimals":8}
        }}
        """;

    [Fact]
    public void TryParseInstruments_AssetPairs_ReadsTickLotStatusAndCanonicalNames()
    {
        new KrakenProtocol().TryParseInstruments(Encoding.UTF8.GetBytes(AssetPairs), out var instruments).Should().BeTrue();

        instruments.Should().HaveCount(4, "the dark-pool pair without wsname is skipped");
        var btc = instruments.Single(i => i.Symbol == "XBT/USD");
        btc.Should().Be(new Instrument(Core.Instruments.Venues.Kraken, "XBT/USD", "BTC-USD", InstrumentKind.Spot, "BTC", "USD",
            FixedDecimal.Parse("0.1"), FixedDecimal.Parse("0.00000001"), InstrumentStatus.Trading));
        var eth = instruments.Single(i => i.Symbol == "ETH/XBT");
        eth.Canonical.Should().Be("ETH-BTC");
        eth.TickSize.Should().Be(FixedDecimal.Parse("0.00001"), "pair_decimals gives the tick when tick_size is absent");
        eth.Status.Should().Be(InstrumentStatus.CancelOnly);
        instruments.Single(i => i.Symbol == "XDG/USD").Canonical.Should().Be("DOGE-USD");
        instruments.Single(i => i.Symbol == "USDC/GBP").Status.Should().Be(InstrumentStatus.Closed);
    }

    [Theory]
    [InlineData("""{"error":["EGeneral:Invalid arguments"]}""")]
    [InlineData("""{"error":[],"result":[]}""")]
    [InlineData("""not json""")]
    public void TryParseInstruments_ErrorOrMalformed_ReturnsFalse(string body)
    {
        new KrakenProtocol().TryParseInstruments(Encoding.UTF8.GetBytes(body), out var instruments).Should().BeFalse();
        instruments.Should().BeEmpty();
    }

    [Theory]
    [InlineData("XBT/USD", "BTC-USD", "BTC", "USD")]
    [InlineData("BTC/USD", "BTC-USD", "BTC", "USD")]
    [InlineData("ALGO/XBT", "ALGO-BTC", "ALGO", "BTC")]
    [InlineData("XDG/EUR", "DOGE-EUR", "DOGE", "EUR")]
    [InlineData("WAVES/ETH", "WAVES-ETH", "WAVES", "ETH")]
    [InlineData("XBTUSDT", "BTC-USDT", "BTC", "USDT")]
    public void InferInstrument_PairName_CanonicalSpot(string symbol, string canonical, string baseAsset, string quoteAsset)
    {
        var instrument = new KrakenProtocol().InferInstrument(symbol);

        instrument.Venue.Should().Be("kraken");
        instrument.Symbol.Should().Be(symbol);
        instrument.Canonical.Should().Be(canonical);
        instrument.BaseAsset.Should().Be(baseAsset);
        instrument.QuoteAsset.Should().Be(quoteAsset);
        instrument.Kind.Should().Be(InstrumentKind.Spot);
    }

    [Theory]
    [InlineData("XBT/USD", KrakenApiVersion.V2, "BTC/USD")]
    [InlineData("BTC/USD", KrakenApiVersion.V1, "XBT/USD")]
    [InlineData("DOGE/XBT", KrakenApiVersion.V1, "XDG/XBT")]
    [InlineData("ETH/USD", KrakenApiVersion.V2, "ETH/USD")]
    public void ForVersion_Pair_SpelledForTheApi(string symbol, KrakenApiVersion version, string expected) =>
        KrakenSymbols.ForVersion(symbol, version).Should().Be(expected);
}
