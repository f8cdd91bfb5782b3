using System.Globalization;

namespace OrleansFeed.Api.Problems;

/// <summary>
/// Parses an optional integer query parameter ourselves (instead of model binding) so a bad value becomes a problem
/// that names the parameter rather than an empty 400.
/// </summary>
internal static class IntParameter
{
    /// <summary>True and the value when absent (default) or an integer in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static bool TryParse(string? text, int defaultValue, int min, int max, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = defaultValue;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
