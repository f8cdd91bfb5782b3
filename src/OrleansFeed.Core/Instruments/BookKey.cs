using System.Diagnostics.CodeAnalysis;

namespace OrleansFeed.Core.Instruments;

/// <summary>
/// Identifies one venue-symbol book: the grain key <c>venue:symbol</c>, e.g. <c>binance-futures:BTCUSDT</c>.
/// </summary>
/// <param name="Venue">Venue id (lower case).</param>
/// <param name="Symbol">Native symbol as the venue's REST API spells it.</param>
public readonly record struct BookKey(string Venue, string Symbol)
{
    /// <summary>Parses <c>venue:symbol</c>.</summary>
    /// <param name="text">The key text. The symbol may itself contain <c>:</c> (Bitfinex <c>tETH2X:ETH</c>), so the first colon splits.</param>
    /// <param name="key">The key.</param>
    /// <returns>False when there is no colon or either part is empty.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BookKey key)
    {
        key = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        key = new BookKey(text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>The grain key text <c>venue:symbol</c>.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => $"{Venue}:{Symbol}";
}
