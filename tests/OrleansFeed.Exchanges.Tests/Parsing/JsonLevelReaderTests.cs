using System.Text;
using System.Text.Json;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Tests.Parsing;

/// <summary>Verifies the level-array reader: scale kept, buffer growth, caps and failure reasons.</summary>
public class JsonLevelReaderTests
{
    [Fact]
    public void TryReadLevels_FromPropertyName_ReadsAllAndLeavesReaderOnEndArray()
    {
        var json = Encoding.UTF8.GetBytes("""{"b":[["1.10","2.000"],["1.09","0"]],"next":1}""");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        var buffer = JsonLevelReader.Rent(1);
        var count = 0;

        JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref buffer, ref count, 10, out _).Should().BeTrue();

        reader.TokenType.Should().Be(JsonTokenType.EndArray);
        reader.Read();
        reader.ValueTextEquals("next"u8).Should().BeTrue();
        count.Should().Be(2);
        buffer[0].Price.ToString().Should().Be("1.10");
        buffer[0].Size.ToString().Should().Be("2.000");
        buffer[1].Size.IsZero.Should().BeTrue();
        System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(buffer);
    }

    [Fact]
    public void TryReadLevels_TwoSidesIntoOneBuffer_AppendsAndGrows()
    {
        var levels = string.Join(",", Enumerable.Range(1, 100).Select(i => $"[\"{i}\",\"1\"]"));
        var json = Encoding.UTF8.GetBytes($$"""{"b":[{{levels}}],"a":[["200","1"]]}""");
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        var buffer = JsonLevelReader.Rent(16);
        var count = 0;

        JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref buffer, ref count, 1000, out _).Should().BeTrue();
        reader.Read();
        JsonLevelReader.TryReadLevels(ref reader, BookSide.Ask, ref buffer, ref count, 1000, out _).Should().BeTrue();

        count.Should().Be(101);
        buffer.Length.Should().BeGreaterThanOrEqualTo(101);
        buffer[99].Should().Be(new LevelUpdate(BookSide.Bid, Core.Numerics.FixedDecimal.Parse("100"), Core.Numerics.FixedDecimal.Parse("1")));
        buffer[100].Side.Should().Be(BookSide.Ask);
        System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(buffer);
    }

    [Theory]
    [InlineData("""{"b":1}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"b":[1]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"b":[[null,"1"]]}""", FrameRejectReason.WrongFieldType)]
    [InlineData("""{"b":[["1","2e-30"]]}""", FrameRejectReason.InvalidNumber)]
    [InlineData("""{"b":[["1","-0.1"]]}""", FrameRejectReason.InvalidLevel)]
    [InlineData("""{"b":[["1","1"],["2","1"],["3","1"]]}""", FrameRejectReason.TooManyLevels)]
    public void TryReadLevels_BadInput_FalseWithReason(string text, FrameRejectReason expected)
    {
        var json = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        var buffer = JsonLevelReader.Rent();
        var count = 0;

        JsonLevelReader.TryReadLevels(ref reader, BookSide.Bid, ref buffer, ref count, 2, out var reason).Should().BeFalse();

        reason.Should().Be(expected);
        System.Buffers.ArrayPool<LevelUpdate>.Shared.Return(buffer);
    }
}
