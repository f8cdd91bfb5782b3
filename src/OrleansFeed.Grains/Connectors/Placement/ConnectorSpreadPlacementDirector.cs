using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;

namespace OrleansFeed.Grains.Connectors.Placement;

/// <summary>
/// Puts venue <c>i</c> of the enabled venues (sorted by id) on silo <c>i mod n</c> of the <c>n</c> active compatible
/// silos (sorted by address). Deterministic, so whichever silo's supervisor activates a connector first, the choice is
/// the same; even, so four venues on three silos go 2/1/1. After a silo dies its venues are placed over the survivors
/// by the same rule; connectors already running are never moved (placement happens only on activation).
/// </summary>
/// <param name="feed">The configured venues (every silo has the same configuration).</param>
public sealed class ConnectorSpreadPlacementDirector(IOptions<FeedOptions> feed) : IPlacementDirector
{
    /// <inheritdoc />
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        var venue = target.GrainIdentity.Key.ToString();
        var venues = feed.Value.EnabledVenues.Select(v => v.Key).Order(StringComparer.Ordinal).ToList();
        var index = venues.IndexOf(venue);
        // A venue not in the configuration (not expected: the supervisor starts configured ones) goes by a stable hash.
        var slot = index >= 0 ? index : (int)((uint)StableHash(venue) % (uint)silos.Length);
        return Task.FromResult(silos[slot % silos.Length]);
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
