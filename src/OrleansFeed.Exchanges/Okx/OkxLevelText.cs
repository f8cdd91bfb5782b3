using OrleansFeed.Core.Numerics;
using OrleansFeed.Exchanges.Common.Checksums;

namespace OrleansFeed.Exchanges.Okx;

/// <summary>OKX's checksum text of one value: the value as received (§6; <see cref="FixedDecimal"/> keeps its scale).</summary>
public readonly struct OkxLevelText : ILevelTextFormat
{
    /// <inheritdoc />
    public static ReadOnlySpan<byte> Separator => ":"u8;

    /// <inheritdoc />
    public static int Format(FixedDecimal value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written);
        return written;
    }
}
