using System.Text.Json;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Okx.Messages;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>Verifies OKX connection planning (sharding, subscribe args, keep-alive), resubscribe frames, URL matching and offline instrument naming.</summary>
public class OkxProtocolTests
{
    private readonly OkxProtocol _protocol = new();

    [Fact]
    public void PlanConnections_FortySymbols_ShardsAt29PerConnectionWithPingKeepAlive()
    {
        var options = new VenueOptions { Symbols = Enumerable.Range(0, 40).Select(i => $"C{i}-USDT").ToList() };

        var plans = _protocol.PlanConnections(options);

        plans.Should().HaveCount(2);
        plans[0].BookSymbols.Should().HaveCount(29);
        plans[1].BookSymbols.Should().HaveCount(11);
        plans.Should().OnlyContain(p => p.Uri == new Uri("wss://ws.okx.com:8443/ws/v5/public"));
        plans.Should().OnlyContain(p => p.KeepAlive!.Message == "ping" && p.KeepAlive.Interval < TimeSpan.FromSeconds(30));
        var args = JsonDocument.Parse(plans[1].SubscribeMessages.Single()).RootElement;
        args.GetProperty("op").GetString().Should().Be("subscribe");
        args.GetProperty("args").EnumerateArray().Select(a => $"{a.GetProperty("channel").GetString()}:{a.GetProperty("instId").GetString()}")
            .Should().HaveCount(33).And.Contain(["books:C29-USDT", "trades:C29-USDT", "tickers:C39-USDT"]);
    }

    [Fact]
    public void ResubscribeMessages_OneInstrument_UnsubscribesThenSubscribesItsBookChannel()
    {
        var protocol = new OkxProtocol(OkxChannel.BooksL2Tbt);

        var frames = protocol.ResubscribeMessages(new VenueOptions(), "BTC-USDT");

        frames.Should().Equal(
            """{"op":"unsubscribe","args":[{"channel":"books-l2-tbt","instId":"BTC-USDT"}]}""",
            """{"op":"subscribe","args":[{"channel":"books-l2-tbt","instId":"BTC-USDT"}]}""");
        protocol.SnapshotSource.Should().Be(BookSnapshotSource.Stream);
    }

    [Theory]
    [InlineData("wss://ws.okex.com:8443/ws/v5/public", true)]
    [InlineData("wss://ws.okx.com:8443/ws/v5/public", true)]
    [InlineData("wss://wsaws.okx.com:8443/ws/v5/business", true)]
    [InlineData("https://www.okx.com/api/v5/public/instruments?instType=SPOT", true)]
    [InlineData("wss://stream.bybit.com/v5/public/linear", false)]
    [InlineData("wss://real.okex.com:8443/ws/v3", false)]
    public void MatchesUrl_RecordedAndDocumentedUrls(string url, bool expected) => _protocol.MatchesUrl(url).Should().Be(expected);

    [Theory]
    [InlineData("BTC-USDT", "BTC-USDT", InstrumentKind.Spot)]
    [InlineData("BTC-USDT-SWAP", "BTC-USDT-PERP", InstrumentKind.Perpetual)]
    [InlineData("UNI-USD-SWAP", "UNI-USD-PERP", InstrumentKind.Perpetual)]
    [InlineData("BTC-USD-211231", "BTC-USD-20211231", InstrumentKind.Future)]
    [InlineData("ETH-USD-220325-8800-P", "ETH-USD-20220325-8800-P", InstrumentKind.Option)]
    public void InferInstrument_InstIdText_CanonicalName(string instId, string canonical, InstrumentKind kind)
    {
        var instrument = _protocol.InferInstrument(instId);

        instrument.Canonical.Should().Be(canonical);
        instrument.Kind.Should().Be(kind);
        instrument.Venue.Should().Be("okx");
        instrument.Symbol.Should().Be(instId);
    }

    [Fact]
    public void TryParseInstruments_DocumentedResponseShape_TickLotStatusAndNames()
    {
        // §6 REST /api/v5/public/instruments response shape (fields abridged to those read plus a few others).
        const string body = """
        {"code":"0","msg":"","data":[
          {"instType":"SPOT","instId":"BTC-USDT","uly":"","instFamily":"","baseCcy":"BTC","quoteCcy":"USDT","settleCcy":"","ctVal":"","ctMult":"","listTime":"1606468572000","expTime":"","tickSz":"0.1","lotSz":"0.00000001","minSz":"0.00001","ctType":"","state":"live"},
          {"instType":"SWAP","instId":"BTC-USDT-SWAP","uly":"BTC-USDT","instFamily":"BTC-USDT","baseCcy":"","quoteCcy":"","settleCcy":"USDT","ctVal":"0.01","ctMult":"1","expTime":"","tickSz":"0.1","lotSz":"1","minSz":"1","ctType":"linear","state":"live"},
          {"instType":"FUTURES","instId":"BTC-USD-211231","uly":"BTC-USD","instFamily":"BTC-USD","baseCcy":"","quoteCcy":"","settleCcy":"BTC","ctVal":"100","expTime":"1640937600000","tickSz":"0.1","lotSz":"1","ctType":"inverse","state":"suspend"}
        ]}
        """;

        _protocol.TryParseInstruments(System.Text.Encoding.UTF8.GetBytes(body), out var instruments).Should().BeTrue();

        instruments.Select(i => i.Canonical).Should().Equal("BTC-USDT", "BTC-USDT-PERP", "BTC-USD-20211231");
        instruments[0].TickSize.ToString().Should().Be("0.1");
        instruments[0].LotSize.ToString().Should().Be("0.00000001");
        instruments[0].Status.Should().Be(InstrumentStatus.Trading);
        instruments[1].Kind.Should().Be(InstrumentKind.Perpetual);
        instruments[1].BaseAsset.Should().Be("BTC");
        instruments[1].LotSize.ToString().Should().Be("1");
        instruments[2].Status.Should().Be(InstrumentStatus.Halted);
        instruments[2].Expiry.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1640937600000));
    }

    [Theory]
    [InlineData("""{"code":"51001","msg":"Instrument ID does not exist","data":[]}""")]
    [InlineData("not json")]
    [InlineData("""{"code":"0"}""")]
    public void TryParseInstruments_ErrorOrMalformedBody_ReturnsFalse(string body)
    {
        _protocol.TryParseInstruments(System.Text.Encoding.UTF8.GetBytes(body), out var instruments).Should().BeFalse();
        instruments.Should().BeEmpty();
    }
}
