using System.Text;
using FluentAssertions;
using OrleansFeed.Exchanges.Common.Checksums;
using Xunit;

namespace OrleansFeed.Exchanges.Tests.Checksums;

/// <summary>Verifies the CRC-32 against the standard check value and zlib results, whole and incremental.</summary>
public sealed class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("a", 0xE8B7BE43u)]
    public void Compute_KnownInput_GivesStandardValue(string text, uint expected)
    {
        Crc32.Compute(Encoding.ASCII.GetBytes(text)).Should().Be(expected);
    }

    [Fact]
    public void Append_InPieces_EqualsWholeComputation()
    {
        var crc = default(Crc32);
        crc.Append("1234"u8);
        crc.Append("56789"u8);
        crc.Value.Should().Be(0xCBF43926u);
    }

    [Fact]
    public void Compute_EveryLengthUpTo2048_EqualsTheTableDrivenAppend()
    {
        // Compute folds long inputs 64 bytes at a time (System.IO.Hashing); Append is the table: both must agree at
        // every length, including the tails the folding leaves to byte steps.
        var random = new Random(14);
        var data = new byte[2048];
        random.NextBytes(data);
        for (var length = 0; length <= data.Length; length++)
        {
            var table = default(Crc32);
            table.Append(data.AsSpan(0, length));

            Crc32.Compute(data.AsSpan(0, length)).Should().Be(table.Value, $"length {length}");
        }
    }

    [Fact]
    public void Value_NothingAppended_IsZero()
    {
        default(Crc32).Value.Should().Be(0u);
    }
}
