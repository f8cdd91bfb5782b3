using System.Globalization;

namespace OrleansFeed.Exchanges.Common.Venues;

/// <summary>Shared checks for <see cref="IVenueProtocol.ValidateOptions"/>; messages name the section and key.</summary>
public static class VenueOptionChecks
{
    /// <summary>The default: <c>DepthLimit</c> 5..5000 when set, no <c>BookChannel</c>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">E.g. <c>Feed:Venues:binance</c>.</param>
    /// <returns>Problems found.</returns>
    public static IEnumerable<string> Default(VenueOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DepthLimit is < 5 or > 5000)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:DepthLimit must be 5..5000 (was {options.DepthLimit}).");
        }

        if (NoBookChannel(options, section) is { } problem)
        {
            yield return problem;
        }
    }

    /// <summary>A problem when <c>BookChannel</c> is set on a venue with a single book channel.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The section.</param>
    /// <returns>The message, or null.</returns>
    public static string? NoBookChannel(VenueOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.BookChannel)
            ? null
            : $"{section}:BookChannel is not used by this venue (was '{options.BookChannel}'); remove it.";
    }

    /// <summary>A problem when <c>DepthLimit</c> is set to a value outside <paramref name="allowed"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The section.</param>
    /// <param name="allowed">Accepted values.</param>
    /// <param name="meaning">What the values mean, appended to the message (e.g. <c>0 = full book</c>).</param>
    /// <returns>The message, or null.</returns>
    public static string? DepthOneOf(VenueOptions options, string section, IReadOnlyCollection<int> allowed, string meaning)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(allowed);
        return options.DepthLimit is not { } depth || allowed.Contains(depth)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{section}:DepthLimit must be one of {string.Join(", ", allowed)} ({meaning}; was {depth}).");
    }
}
