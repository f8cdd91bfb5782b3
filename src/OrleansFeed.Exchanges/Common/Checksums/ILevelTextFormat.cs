using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Exchanges.Common.Checksums;

/// <summary>How a venue's checksum writes one level (a type parameter, so the hot path makes no virtual call).</summary>
public interface ILevelTextFormat
{
    /// <summary>What stands between a level's price text and its size text (Kraken nothing, OKX <c>:</c>).</summary>
    static abstract ReadOnlySpan<byte> Separator { get; }

    /// <summary>Writes the checksum text of <paramref name="value"/> (at the venue's scale).</summary>
    /// <param name="value">A price or size.</param>
    /// <param name="destination">At least <see cref="FixedDecimal.MaxFormattedLength"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    static abstract int Format(FixedDecimal value, Span<byte> destination);
}
