using OrleansFeed.Grains.Subjects;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>Subject names and the token rule of docs/nats-bridge.md (pure; no server).</summary>
public sealed class MdSubjectsTests
{
    [Theory]
    [InlineData("BTCUSDT", "BTCUSDT")]
    [InlineData("binance-futures", "binance-futures")]
    [InlineData("XBT/USD", "XBT_USD")]
    [InlineData("BTC.P", "BTC_P")]
    [InlineData("tETH2X:ETH", "tETH2X_ETH")]
    [InlineData("a b*c>d", "a_b_c_d")]
    [InlineData("", "_")]
    public void Token_WithAnyText_KeepsLettersDigitsDashUnderscoreAndReplacesTheRest(string raw, string expected) =>
        MdSubjects.Token(raw).Should().Be(expected);

    [Fact]
    public void Subjects_ForABook_FollowTheDocumentedShapes()
    {
        MdSubjects.Book("md.v1", "kraken", "XBT/USD").Should().Be("md.v1.book.kraken.XBT_USD");
        MdSubjects.Trade("md.v1", "binance", "BTCUSDT").Should().Be("md.v1.trade.binance.BTCUSDT");
        MdSubjects.Bbo("md.v1", "binance", "BTCUSDT").Should().Be("md.v1.bbo.binance.BTCUSDT");
        MdSubjects.SnapshotBook("md.v1", "binance", "BTCUSDT").Should().Be("md.v1.snapshot.book.binance.BTCUSDT");
        MdSubjects.Instrument("md.v1", "nbbo", "BTC-USDT-PERP").Should().Be("md.v1.nbbo.BTC-USDT-PERP");
        MdSubjects.Candle("md.v1", "1m", "BTC-USDT").Should().Be("md.v1.candle.1m.BTC-USDT");
    }
}
