using Microsoft.Extensions.Options;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Grains.Connectors;

namespace OrleansFeed.Silo.Hosting;

/// <summary>Validates <see cref="FeedOptions"/> at start: known venues, valid per-venue options (common ranges and the venue's own <see cref="IVenueProtocol.ValidateOptions"/>).</summary>
/// <param name="venues">Venue adapters.</param>
public sealed class FeedOptionsValidator(VenueRegistry venues) : IValidateOptions<FeedOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        var problems = new List<string>();
        foreach (var (venue, venueOptions) in options.Venues)
        {
            if (!venues.TryGet(venue, out var protocol))
            {
                problems.Add($"Feed:Venues:{venue}: unknown venue; known: {string.Join(", ", venues.All.Select(v => v.Venue))}.");
                continue;
            }

            problems.AddRange(venueOptions.Validate(venue));
            problems.AddRange(protocol.ValidateOptions(venueOptions, $"Feed:Venues:{venue}"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
