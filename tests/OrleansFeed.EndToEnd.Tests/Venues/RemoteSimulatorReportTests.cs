using OrleansFeed.Silo.Commands;
using OrleansFeed.Simulator.Listing;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>The line <c>run --simulator</c> prints about the simulator's playback: where this silo joins it.</summary>
public sealed class RemoteSimulatorReportTests
{
    private static readonly ServedVenue[] Kraken =
        [new("kraken", new Uri("ws://127.0.0.1:9001/kraken"), new Uri("http://127.0.0.1:9001/kraken"), ["XBT/USD", "ETH/USD"])];

    [Fact]
    public void Describe_NotStarted_NamesBothTriggersIncludingTheHoldsPlay()
    {
        var listing = new SimulatorListing(Kraken, new PlaybackStatus(PlaybackState.Waiting, 0, 100, 1, 0, TimeSpan.FromMinutes(2)));

        var line = RemoteSimulatorReport.Describe("http://127.0.0.1:9001", listing);

        line.Should().StartWith("Using the simulator at http://127.0.0.1:9001: venues kraken (2 symbols); speed 1; playback not started yet")
            .And.Contain("POST /simulator/play")
            .And.EndWith("this silo sees it from the first frame.");
    }

    [Fact]
    public void Describe_Playing_SaysWhereThisSiloJoins()
    {
        var listing = new SimulatorListing(Kraken, new PlaybackStatus(PlaybackState.Playing, 34, 20200, 0.5, 2, TimeSpan.FromMinutes(2)));

        var line = RemoteSimulatorReport.Describe("http://127.0.0.1:9001", listing);

        line.Should().EndWith("speed 0.5; playback already at frame 34 of 20200: this silo joins there.");
    }
}
