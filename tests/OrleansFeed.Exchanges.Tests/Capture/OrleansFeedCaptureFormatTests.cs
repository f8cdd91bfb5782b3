using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Exchanges.Tests.Capture;

/// <summary>Verifies our v1 capture line format round-trips every record kind and payload byte for byte.</summary>
public class OrleansFeedCaptureFormatTests
{
    public static TheoryData<CaptureRecordKind, string> Records() => new()
    {
        { CaptureRecordKind.Open, "" },
        { CaptureRecordKind.Close, "" },
        { CaptureRecordKind.Received, """{"stream":"btcusdt@depth","data":{"b":[["1.0","2"]]}}""" },
        { CaptureRecordKind.Sent, """{"method":"SUBSCRIBE","id":1}""" },
        { CaptureRecordKind.Rest, """{"lastUpdateId":1,"bids":[],"asks":[]}""" },
        { CaptureRecordKind.Received, "tab\there" },
        { CaptureRecordKind.Received, "line1\nline2\r\n" },
        { CaptureRecordKind.Received, "ünïcødé €" },
        { CaptureRecordKind.Received, "b64:not really base64" },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void FormatThenParse_RoundTripsRecord(CaptureRecordKind kind, string payload)
    {
        var record = new CaptureRecord(new Timestamp(1_617_647_797_596_378), kind, "wss://fstream.binance.com/stream?streams=a@depth", Encoding.UTF8.GetBytes(payload));

        var line = OrleansFeedCaptureFormat.FormatLine(record);
        var parsed = OrleansFeedCaptureFormat.ParseLine(line);

        line.Should().NotContainAny("\n", "\r");
        line.Split('\t').Should().HaveCount(4);
        parsed.Time.Should().Be(record.Time);
        parsed.Kind.Should().Be(kind);
        parsed.Source.Should().Be(record.Source);
        parsed.Payload.ToArray().Should().Equal(record.Payload.ToArray());
    }

    [Fact]
    public void FormatLine_PlainPayload_WrittenVerbatim()
    {
        var record = new CaptureRecord(new Timestamp(42), CaptureRecordKind.Received, "wss://x", "{\"a\":1}"u8.ToArray());

        OrleansFeedCaptureFormat.FormatLine(record).Should().Be("42\trecv\twss://x\t{\"a\":1}");
    }

    [Fact]
    public void FormatLine_PayloadWithTab_Base64()
    {
        var record = new CaptureRecord(new Timestamp(42), CaptureRecordKind.Received, "wss://x", "a\tb"u8.ToArray());

        OrleansFeedCaptureFormat.FormatLine(record).Should().Be("42\trecv\twss://x\tb64:" + Convert.ToBase64String("a\tb"u8));
    }

    [Fact]
    public void FormatThenParse_InvalidUtf8Payload_RoundTripsBytes()
    {
        byte[] payload = [0x7B, 0xC3, 0x28, 0xFF, 0x7D];
        var record = new CaptureRecord(new Timestamp(1), CaptureRecordKind.Received, "wss://x", payload);

        OrleansFeedCaptureFormat.ParseLine(OrleansFeedCaptureFormat.FormatLine(record)).Payload.ToArray().Should().Equal(payload);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123\trecv\twss://x")]
    [InlineData("abc\trecv\twss://x\t{}")]
    [InlineData("123\tbogus\twss://x\t{}")]
    [InlineData("123\trecv\twss://x\tb64:!!not base64!!")]
    public void ParseLine_Invalid_ThrowsInvalidDataException(string line)
    {
        var act = () => OrleansFeedCaptureFormat.ParseLine(line);

        act.Should().Throw<InvalidDataException>();
    }
}
