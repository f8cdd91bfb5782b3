using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Parsing;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>Verifies the Binance frame parser never throws on bad input and reports one precise reason per rejected frame.</summary>
public class BinanceFrameParserRejectTests
{
    private const string Depth = """{"stream":"nknusdt@depth@100ms","data":{"e":"depthUpdate","E":1633998512568,"s":"NKNUSDT","U":499869753,"u":499869754,"b":[["0.35170000","4265.00000000"]],"a":[["0.35290000","10968.00000000"]]}}""";

    private readonly RecordingMarketEventSink _sink = new();

    public static TheoryData<string, FrameRejectReason, string?> BadFrames() => new()
    {
        { "", FrameRejectReason.Malformed, null },
        { "not json", FrameRejectReason.Malformed, null },
        { "[]", FrameRejectReason.Malformed, null },
        { "{}", FrameRejectReason.Malformed, null },
        { """{"stream":"nknusdt@depth""", FrameRejectReason.Malformed, null },
        { Depth[..^40], FrameRejectReason.Malformed, null },
        { """{"stream":5,"data":{}}""", FrameRejectReason.WrongFieldType, null },
        { """{"stream":"nknusdt@depth","data":[1]}""", FrameRejectReason.WrongFieldType, null },
        { Depth.Replace("\"s\":\"NKNUSDT\"", "\"s\":123", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, null },
        { Depth.Replace("\"U\":499869753", "\"U\":\"499869753\"", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace("\"u\":499869754", "\"u\":4.5", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace("\"b\":[[", "\"b\":{\"x\":[[", StringComparison.Ordinal).Replace("]],\"a\"", "]]},\"a\"", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace("[\"0.35170000\",\"4265.00000000\"]", "\"0.35170000\"", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace("\"4265.00000000\"", "true", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace(",\"4265.00000000\"", "", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { Depth.Replace("\"4265.00000000\"", "\"-1.0\"", StringComparison.Ordinal), FrameRejectReason.InvalidLevel, "NKNUSDT" },
        { Depth.Replace("\"0.35170000\"", "\"0.00000000\"", StringComparison.Ordinal), FrameRejectReason.InvalidLevel, "NKNUSDT" },
        { Depth.Replace("\"0.35170000\"", "\"-0.3517\"", StringComparison.Ordinal), FrameRejectReason.InvalidLevel, "NKNUSDT" },
        { Depth.Replace("\"0.35170000\"", "\"abc\"", StringComparison.Ordinal), FrameRejectReason.InvalidNumber, "NKNUSDT" },
        { Depth.Replace("\"0.35170000\"", "\"1.2.3\"", StringComparison.Ordinal), FrameRejectReason.InvalidNumber, "NKNUSDT" },
        { Depth.Replace("\"0.35170000\"", "\"99999999999999999999.9\"", StringComparison.Ordinal), FrameRejectReason.InvalidNumber, "NKNUSDT" },
        { Depth.Replace("\"NKNUSDT\"", "\"DOGEUSDT\"", StringComparison.Ordinal), FrameRejectReason.UnknownSymbol, null },
        { Depth.Replace("\"NKNUSDT\"", "\"NKN\\u0055SDT\"", StringComparison.Ordinal), FrameRejectReason.WrongFieldType, null },
        { Depth.Replace("\"U\":499869753,", "", StringComparison.Ordinal), FrameRejectReason.MissingField, "NKNUSDT" },
        { Depth.Replace("\"s\":\"NKNUSDT\",", "", StringComparison.Ordinal), FrameRejectReason.MissingField, null },
        { Depth.Replace(",\"a\":[[\"0.35290000\",\"10968.00000000\"]]", "", StringComparison.Ordinal), FrameRejectReason.MissingField, "NKNUSDT" },
        { Depth.Replace("\"u\":499869754", "\"u\":499869752", StringComparison.Ordinal), FrameRejectReason.MissingField, "NKNUSDT" },
        { """{"e":"aggTrade","E":1,"s":"NKNUSDT","a":1,"p":"1","q":"1","T":1}""", FrameRejectReason.MissingField, "NKNUSDT" },
        { """{"e":"aggTrade","E":1,"s":"NKNUSDT","a":1,"p":"1","q":"1","T":1,"m":"yes"}""", FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { """{"e":"aggTrade","E":1,"s":"NKNUSDT","a":1,"p":"1","q":"0","T":1,"m":true}""", FrameRejectReason.InvalidLevel, "NKNUSDT" },
        { """{"u":1,"s":"NKNUSDT","b":"1","B":"2","a":"3"}""", FrameRejectReason.MissingField, "NKNUSDT" },
        { """{"x":1,"y":2}""", FrameRejectReason.UnknownType, null },
        { """{"stream":"nknusdt@depth","data":{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":1,"u":1,"b":[[[[[[[[[[[[[[[[[[[["1","1"]]]]]]]]]]]]]]]]]]],"a":[]}}""", FrameRejectReason.WrongFieldType, "NKNUSDT" },
        { """{"stream":"nknusdt@depth","data":{"e":"depthUpdate","x":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}}""", FrameRejectReason.Malformed, null },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void Parse_BadFrame_RejectedWithReasonAndNothingElseReported(string frame, FrameRejectReason reason, string? symbol)
    {
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]));

        var status = parser.Parse(Encoding.UTF8.GetBytes(frame), new Timestamp(1), _sink);

        status.Should().Be(ParseStatus.Rejected);
        _sink.Rejections.Should().Equal((reason, symbol));
        _sink.Total.Should().Be(1);
    }

    [Fact]
    public void Parse_TooManyLevels_RejectedByCap()
    {
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]), new ParseLimits { MaxLevelsPerMessage = 2 });
        const string frame = """{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":1,"u":2,"b":[["1","1"],["2","1"]],"a":[["3","1"]]}""";

        parser.Parse(Encoding.UTF8.GetBytes(frame), new Timestamp(1), _sink).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().Equal((FrameRejectReason.TooManyLevels, "NKNUSDT"));
    }

    [Fact]
    public void Parse_ManyLevelsWithinCap_BufferGrowsBeyondInitialRent()
    {
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]));
        var levels = string.Join(",", Enumerable.Range(1, 300).Select(i => $"[\"{i}.5\",\"1\"]"));
        var frame = $$"""{"e":"depthUpdate","E":1,"s":"NKNUSDT","U":1,"u":2,"b":[{{levels}}],"a":[]}""";

        parser.Parse(Encoding.UTF8.GetBytes(frame), new Timestamp(1), _sink).Should().Be(ParseStatus.Data);

        var parsed = _sink.BookEvents.Single().Levels;
        parsed.Should().HaveCount(300);
        parsed[0].Should().Be("b:1.5:1");
        parsed[299].Should().Be("b:300.5:1");
    }

    [Fact]
    public void Parse_FrameOverMaxFrameBytes_TooLarge()
    {
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]), new ParseLimits { MaxFrameBytes = 100 });

        parser.Parse(Encoding.UTF8.GetBytes(Depth), new Timestamp(1), _sink).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().Equal((FrameRejectReason.TooLarge, (string?)null));
    }

    [Fact]
    public void Parse_UnknownEventType_IgnoredNotRejected()
    {
        // Documented choice: any "e" the parser does not use is a valid-but-unused stream (Ignored), so a new
        // Binance event type never counts as a rejected frame.
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]));

        parser.Parse("""{"e":"somethingNew","E":1,"s":"NKNUSDT"}"""u8, new Timestamp(1), _sink).Should().Be(ParseStatus.Ignored);
        parser.Parse("""{"stream":"nknusdt@unknownStream","data":{"x":1}}"""u8, new Timestamp(1), _sink).Should().Be(ParseStatus.Ignored);

        _sink.Total.Should().Be(0);
    }

    [Fact]
    public void Parse_InvalidUtf8_RejectedMalformed()
    {
        var parser = new BinanceFrameParser(new SymbolTable(["NKNUSDT"]));
        byte[] frame = [.. "{\"e\":\"depthUpdate\",\"s\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        parser.Parse(frame, new Timestamp(1), _sink).Should().Be(ParseStatus.Rejected);

        _sink.Rejections.Should().ContainSingle();
    }
}
