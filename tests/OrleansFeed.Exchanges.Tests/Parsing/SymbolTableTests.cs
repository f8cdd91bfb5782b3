using System.Text;
using OrleansFeed.Exchanges.Common.Parsing;

namespace OrleansFeed.Exchanges.Tests.Parsing;

/// <summary>Verifies symbol interning from UTF-8, case folding, unknown-symbol policy and length limits.</summary>
public class SymbolTableTests
{
    [Fact]
    public void TryGet_KnownSymbol_ReturnsInternedInstance()
    {
        var table = new SymbolTable(["BTCUSDT"]);
        var interned = table.Symbols.Single();

        table.TryGet("BTCUSDT"u8, out var symbol).Should().BeTrue();

        symbol.Should().BeSameAs(interned);
    }

    [Fact]
    public void TryGet_UnknownSymbol_RejectedUnlessAcceptUnknown()
    {
        var strict = new SymbolTable(["BTCUSDT"]);
        var open = new SymbolTable(["BTCUSDT"], acceptUnknown: true);

        strict.TryGet("ETHUSDT"u8, out _).Should().BeFalse();
        open.TryGet("ETHUSDT"u8, out var added).Should().BeTrue();
        open.TryGet("ETHUSDT"u8, out var again).Should().BeTrue();

        added.Should().Be("ETHUSDT").And.BeSameAs(again);
        open.Symbols.Should().BeEquivalentTo("BTCUSDT", "ETHUSDT");
        strict.Symbols.Should().Equal("BTCUSDT");
    }

    [Fact]
    public void UpperCaseTable_MatchesLowerCaseStreamText()
    {
        var table = new SymbolTable(["btcusdt"], upperCase: true);

        table.TryGet("btcusdt"u8, out var symbol).Should().BeTrue();

        symbol.Should().Be("BTCUSDT");
        table.Add("BtcUsdt").Should().BeSameAs(symbol);
    }

    [Fact]
    public void TryGet_CaseSensitiveWithoutUpperCase()
    {
        var table = new SymbolTable(["BTCUSDT"]);

        table.TryGet("btcusdt"u8, out _).Should().BeFalse();
    }

    [Fact]
    public void TryGet_EmptyOrOver64Bytes_False()
    {
        var table = new SymbolTable([], acceptUnknown: true);

        table.TryGet(ReadOnlySpan<byte>.Empty, out _).Should().BeFalse();
        table.TryGet(Encoding.UTF8.GetBytes(new string('A', 65)), out _).Should().BeFalse();
        table.TryGet(Encoding.UTF8.GetBytes(new string('A', 64)), out _).Should().BeTrue();
        table.Symbols.Should().ContainSingle();
    }
}
