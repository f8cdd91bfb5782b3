using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Kraken;

/// <summary>Kraken's checksum text of one value: its text with <c>.</c> removed and leading zeros stripped (§4).</summary>
public readonly struct KrakenLevelText : ILevelTextFormat
{
    /// <inheritdoc />
    public static ReadOnlySpan<byte> Separator => [];

    /// <inheritdoc />
    public static int Format(FixedDecimal value, Span<byte> destination) => KrakenChecksum.AppendStripped(value, destination, 0);
}
