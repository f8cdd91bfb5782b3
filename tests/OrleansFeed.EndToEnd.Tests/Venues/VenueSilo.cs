using OrleansFeed.Core.Books;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Grains.Abstractions;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// A silo (in-process, real Kestrel) whose one configured venue is pointed at the simulator serving that venue's
/// recording, configured through settings for the recorded channels (e.g. OKX <c>BookChannel</c> <c>books-l2-tbt</c>).
/// </summary>
public sealed class VenueSilo : IAsyncDisposable
{
    private VenueSilo(ExchangeSimulator simulator, WebApplication silo, Uri api, string venue, IReadOnlyList<string> symbols)
    {
        Simulator = simulator;
        Silo = silo;
        Api = api;
        Venue = venue;
        Symbols = symbols;
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public Uri Api { get; }

    public string Venue { get; }

    public IReadOnlyList<string> Symbols { get; }

    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the simulator on <paramref name="files"/> and a silo subscribed to every recorded symbol of <paramref name="venue"/>.</summary>
    /// <param name="files">The venue's recording.</param>
    /// <param name="venue">Venue id.</param>
    /// <param name="cancellationToken">Bounds the start.</param>
    /// <param name="playbackSpeed">Simulator speed (0 = as fast as possible).</param>
    /// <param name="depthLimit">The venue's <c>DepthLimit</c> (subscription or snapshot depth); null = venue default.</param>
    /// <param name="bookChannel">The venue's <c>BookChannel</c> (OKX); null = venue default.</param>
    public static async Task<VenueSilo> StartAsync(
        IReadOnlyList<string> files, string venue, CancellationToken cancellationToken, double playbackSpeed = 0, int? depthLimit = null, string? bookChannel = null)
    {
        var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = playbackSpeed });
        await simulator.StartAsync(cancellationToken);
        var endpoint = simulator.Endpoints().Single(e => e.Venue == venue);
        // What run --simulate configures (recorded channel/depth included); explicit arguments override it.
        var settings = new Dictionary<string, string?>(endpoint.Settings())
        {
            [$"Feed:Venues:{venue}:ReconnectMinDelay"] = "00:00:00.050",
            [$"Feed:Venues:{venue}:ReconnectMaxDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (depthLimit is not null)
        {
            settings[$"Feed:Venues:{venue}:DepthLimit"] = depthLimit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (bookChannel is not null)
        {
            settings[$"Feed:Venues:{venue}:BookChannel"] = bookChannel;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var silo = SiloHost.Build(configuration, port: 0);
        await silo.StartAsync(cancellationToken);
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VenueSilo(simulator, silo, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), venue, endpoint.Symbols);
    }

    /// <summary>The book of one symbol as the silo serves it, every level, as decimals.</summary>
    public async Task<(BookSnapshot Snapshot, RefBook Book)> ReadBookAsync(string symbol)
    {
        var snapshot = await Grains.GetGrain<IOrderBookGrain>($"{Venue}:{symbol}").GetSnapshotAsync(int.MaxValue);
        return (snapshot, new RefBook(
            [.. snapshot.Bids.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))],
            [.. snapshot.Asks.Select(l => (l.Price.ToDecimal(), l.Size.ToDecimal()))]));
    }

    /// <summary>Waits until playback has finished and every book equals its reference in the expected state (or the token fires; then asserts the difference).</summary>
    public async Task WaitUntilBooksEqualAsync(IReadOnlyDictionary<string, RefBook> reference, CancellationToken cancellationToken, BookSyncState expectedState = BookSyncState.Synced)
    {
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        foreach (var (symbol, expected) in reference)
        {
            while (true)
            {
                var (snapshot, actual) = await ReadBookAsync(symbol);
                if (snapshot.SyncState == expectedState && actual.Equals(expected))
                {
                    break;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    snapshot.SyncState.Should().Be(expectedState, $"{Venue}:{symbol} should be {expectedState}");
                    actual.Bids.Should().Equal(expected.Bids, $"{Venue}:{symbol} bids");
                    actual.Asks.Should().Equal(expected.Asks, $"{Venue}:{symbol} asks");
                }

                await Task.Delay(25, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
