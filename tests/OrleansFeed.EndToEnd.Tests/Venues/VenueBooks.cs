using System.Globalization;
using OrleansFeed.Core.Books;
using Orleans;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>One venue's recording on a <see cref="SimulatedSilo"/>, and its books read back as decimals.</summary>
internal static class VenueBooks
{
    /// <summary>
    /// The venue configured as <c>run --simulate</c> does (recorded channel and depth included); explicit arguments
    /// override it (e.g. OKX <c>BookChannel</c> <c>books-l2-tbt</c>).
    /// </summary>
    /// <param name="files">The venue's recording.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="depthLimit">The venue's <c>DepthLimit</c> (subscription or snapshot depth); null = recorded.</param>
    /// <param name="bookChannel">The venue's <c>BookChannel</c> (OKX); null = recorded.</param>
    public static SimulatedSession Session(IReadOnlyList<string> files, string venue, int? depthLimit = null, string? bookChannel = null)
    {
        var settings = new Dictionary<string, string>();
        if (depthLimit is not null)
        {
            settings["DepthLimit"] = depthLimit.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (bookChannel is not null)
        {
            settings["BookChannel"] = bookChannel;
        }

        return SimulatedSession.Recorded(files, venue, new Dictionary<string, IReadOnlyDictionary<string, string>> { [venue] = settings });
    }

    /// <summary>The book of one symbol of the silo's one venue as the silo serves it, every level, as decimals.</summary>
    public static Task<(BookSnapshot Snapshot, RefBook Book)> ReadBookAsync(this SimulatedSilo silo, string symbol) =>
        ReadBookAsync(silo.Grains, $"{silo.Venue}:{symbol}");

    /// <summary>The book <paramref name="key"/> (<c>venue:symbol</c>) as the silo serves it, every level, as decimals.</summary>
    public static async Task<(BookSnapshot Snapshot, RefBook Book)> ReadBookAsync(IGrainFactory grains, string key)
    {
        var snapshot = await grains.GetGrain<IOrderBookGrain>(key).GetSnapshotAsync(int.MaxValue);
        return (snapshot, new RefBook(
            [.. snapshot.Bids.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))],
            [.. snapshot.Asks.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))]));
    }

    /// <summary>Waits until playback has finished and every book equals its reference in the expected state (or the token fires; then asserts the difference).</summary>
    public static async Task WaitUntilBooksEqualAsync(this SimulatedSilo silo, IReadOnlyDictionary<string, RefBook> reference, CancellationToken cancellationToken, BookSyncState expectedState = BookSyncState.Synced)
    {
        await silo.Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        foreach (var (symbol, expected) in reference)
        {
            await WaitUntilEqualAsync(silo.Grains, $"{silo.Venue}:{symbol}", expected, expectedState, cancellationToken);
        }
    }

    /// <summary>Waits until the book <paramref name="key"/> equals <paramref name="expected"/> in <paramref name="expectedState"/> (or the token fires; then asserts the difference).</summary>
    public static async Task WaitUntilEqualAsync(IGrainFactory grains, string key, RefBook expected, BookSyncState expectedState, CancellationToken cancellationToken)
    {
        try
        {
            await Poll.UntilAsync(() => ReadBookAsync(grains, key), b => b.Snapshot.SyncState == expectedState && b.Book.Equals(expected), $"{key} equal to its reference", cancellationToken);
        }
        catch (TimeoutException)
        {
            // Name the difference.
            var (snapshot, actual) = await ReadBookAsync(grains, key);
            snapshot.SyncState.Should().Be(expectedState, $"{key} should be {expectedState}");
            actual.Bids.Should().Equal(expected.Bids, $"{key} bids");
            actual.Asks.Should().Equal(expected.Asks, $"{key} asks");
            throw;
        }
    }

    /// <summary>Waits until the book of <paramref name="symbol"/> has applied an update and is in <paramref name="state"/>.</summary>
    public static Task WaitSyncedAsync(this SimulatedSilo silo, string symbol, CancellationToken cancellationToken, BookSyncState state = BookSyncState.Synced) =>
        Poll.UntilAsync(() => silo.ReadBookAsync(symbol), b => b.Snapshot is { Counters.Applied: > 0 } s && s.SyncState == state, $"{silo.Venue}:{symbol} {state}", cancellationToken);
}
