using OrleansFeed.Exchanges.Kraken;

namespace OrleansFeed.Exchanges.Tests.Kraken;

/// <summary>Verifies exact conversion of Kraken v1 epoch-seconds text and v2 RFC 3339 times to microseconds.</summary>
public class KrakenTimestampsTests
{
    [Theory]
    [InlineData("1617666423.606671", 1617666423606671L)]
    [InlineData("1617666423.6", 1617666423600000L)]
    [InlineData("1617666423", 1617666423000000L)]
    [InlineData("1617666423.6066719", 1617666423606671L)]
    public void TryParseSeconds_V1Text_ExactMicroseconds(string text, long expected)
    {
        KrakenTimestamps.TryParseSeconds(System.Text.Encoding.ASCII.GetBytes(text), out var time).Should().BeTrue();
        time.UnixMicroseconds.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1617666423.")]
    [InlineData("-1.5")]
    [InlineData("1.2.3")]
    public void TryParseSeconds_Invalid_ReturnsFalse(string text) =>
        KrakenTimestamps.TryParseSeconds(System.Text.Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();

    [Theory]
    [InlineData("2023-10-06T17:35:55.440295Z", 1696613755440295L)]
    [InlineData("2023-10-06T17:35:55Z", 1696613755000000L)]
    [InlineData("2023-10-06T17:35:55.4Z", 1696613755400000L)]
    [InlineData("2023-10-06T17:35:55.123456789Z", 1696613755123456L)]
    public void TryParseRfc3339_V2Text_ExactMicroseconds(string text, long expected)
    {
        KrakenTimestamps.TryParseRfc3339(System.Text.Encoding.ASCII.GetBytes(text), out var time).Should().BeTrue();
        time.UnixMicroseconds.Should().Be(expected);
    }

    [Theory]
    [InlineData("2023-10-06 17:35:55Z")]
    [InlineData("2023-13-06T17:35:55Z")]
    [InlineData("2023-10-06T17:35:55+01:00")]
    [InlineData("2023-10-06T17:35:55.Z")]
    public void TryParseRfc3339_Invalid_ReturnsFalse(string text) =>
        KrakenTimestamps.TryParseRfc3339(System.Text.Encoding.ASCII.GetBytes(text), out _).Should().BeFalse();
}
