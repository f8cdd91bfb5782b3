using System.Text;
using OrleansFeed.Core.Books;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Okx;
using OrleansFeed.Exchanges.Tests.Reference;

namespace OrleansFeed.Exchanges.Tests.Okx;

/// <summary>Verifies the OKX checksum on the documented worked examples, a recorded snapshot, and against an independent bitwise CRC-32 over 25+ levels.</summary>
public class OkxChecksumTests
{
    [Theory]
    [InlineData(new[] { "3366.1:7", "3366:6" }, new[] { "3366.8:9", "3368:8" }, -1881014294)]
    [InlineData(new[] { "3366.1:7" }, new[] { "3366.8:9", "3368:8", "3372:8" }, 831078360)]
    public void Compute_DocumentedExamples_MatchSignedValues(string[] bids, string[] asks, int expected)
    {
        // shared/docs/exchange-protocols.md §6 "Checksum", step 5 (recomputed examples).
        var checksum = OkxChecksum.Compute(Levels(bids), Levels(asks));

        unchecked((int)checksum).Should().Be(expected);
    }

    [Fact]
    public void Compute_RecordedSnapshotWithOnlyAsks_MatchesTheFrameChecksum()
    {
        // okx/2022-02-27 recording, line 81: asks 0.0025×20, 0.003×1506, no bids, checksum 1483419732.
        var book = new OrderBook();
        book.Set(BookSide.Ask, FixedDecimal.Parse("0.0025"), FixedDecimal.Parse("20"));
        book.Set(BookSide.Ask, FixedDecimal.Parse("0.003"), FixedDecimal.Parse("1506"));

        unchecked((int)OkxChecksum.Compute(book)).Should().Be(1483419732);
    }

    [Fact]
    public void Compute_DeepUnevenBook_UsesTop25InterleavedWithOriginalText()
    {
        // 30 bids and 12 asks with trailing zeros: only 25 bids count, the asks run out first.
        var book = new OrderBook();
        var bidText = Enumerable.Range(0, 30).Select(i => ($"{100 - i}.50", $"{i + 1}.000")).ToList();
        var askText = Enumerable.Range(0, 12).Select(i => ($"{101 + i}.0", $"0.{i + 1}0")).ToList();
        foreach (var (p, s) in bidText)
        {
            book.Set(BookSide.Bid, FixedDecimal.Parse(p), FixedDecimal.Parse(s));
        }

        foreach (var (p, s) in askText)
        {
            book.Set(BookSide.Ask, FixedDecimal.Parse(p), FixedDecimal.Parse(s));
        }

        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            parts.Add($"{bidText[i].Item1}:{bidText[i].Item2}");
            if (i < askText.Count)
            {
                parts.Add($"{askText[i].Item1}:{askText[i].Item2}");
            }
        }

        var expected = ReferenceOkxBooks.BitwiseCrc32(Encoding.ASCII.GetBytes(string.Join(':', parts)));
        OkxChecksum.Compute(book).Should().Be(expected);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-1L, 0xFFFFFFFFu)]
    [InlineData(1483419732L, 1483419732u)]
    public void BookEventChecksum_SignedValue_ZeroIsNoneOtherwiseUnsignedBits(long signed, uint? expected) =>
        OkxChecksum.BookEventChecksum(signed).Should().Be(expected);

    private static BookLevel[] Levels(string[] text) =>
        text.Select(t => t.Split(':')).Select(p => new BookLevel(FixedDecimal.Parse(p[0]), FixedDecimal.Parse(p[1]))).ToArray();
}
