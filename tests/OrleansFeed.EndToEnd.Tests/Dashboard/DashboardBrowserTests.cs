using System.Text.Json;
using OrleansFeed.TestKit.Browser;
using OrleansFeed.TestKit.Captures;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Dashboard;

/// <summary>
/// Opens the dashboard in the system Chromium (headless) against a silo playing a recorded Binance futures session at
/// the recorded pace: the ladder changes while playback runs and ends on the same top of book as REST. Saves a
/// screenshot under the test project's TestResults/browser folder.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string Symbol = "SUSHIUSDT"; // the session's busiest book: 255 depth updates in 30 s.

    // Generous: the machine is shared and loaded; nothing here measures speed.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [ChromiumFact]
    public async Task Dashboard_OnSimulator_LadderMovesDuringPlaybackAndMatchesRestTopOfBook()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var files = SharedData.Files("binance_futures").Where(f => Path.GetFileName(f).StartsWith("2021-07-22", StringComparison.Ordinal)).ToArray();
        // The browser starts before the silo, so its start-up never eats into the 30 s of playback.
        await using var chromium = await HeadlessChromium.LaunchAsync(Timeout);
        await using var page = await chromium.NewPageAsync(output);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });

        await using var silo = await SimulatedSilo.StartAsync([SimulatedSession.BinanceMarket(files, true)], cts.Token, playbackSpeed: 1);
        await page.GoToAsync(new Uri(silo.Api, $"/?venue={silo.Venue}&symbol={Symbol}").ToString(), WaitUntilNavigation.Load);

        var first = await WaitForLadderAsync(page, l => l.Sequence is not null, "the ladder shows a book", cts.Token);
        var moved = await WaitForLadderAsync(page, l => l.Sequence > first.Sequence, "the ladder changes", cts.Token);
        silo.Simulator.PlaybackCompleted.IsCompleted.Should().BeFalse($"the ladder moved ({first.Sequence} → {moved.Sequence}) while playback ran");

        await silo.WaitForPlaybackAndSyncAsync(cts.Token);
        using var http = new HttpClient { BaseAddress = silo.Api };
        using var rest = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/v1/books/{silo.Venue}/{Symbol}?depth=1", UriKind.Relative), cts.Token));
        var restSequence = rest.RootElement.GetProperty("sequence").GetInt64();
        var last = await WaitForLadderAsync(page, l => l.Sequence >= restSequence, "the ladder catches up with REST", cts.Token);

        last.BestBid.Should().Be(rest.RootElement.GetProperty("bids")[0][0].GetString());
        last.BestAsk.Should().Be(rest.RootElement.GetProperty("asks")[0][0].GetString());
        last.Epoch.Should().Be(rest.RootElement.GetProperty("epoch").GetInt64());
        last.State.Should().Be("synced");
        (await page.EvaluateExpressionAsync<string>("document.getElementById('connection').dataset.state")).Should().Be("live");
        (await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#venues tr').length")).Should().Be(1, "one venue is simulated");

        var screenshot = Path.Combine(ArtifactsDirectory(), "dashboard.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        new FileInfo(screenshot).Length.Should().BeGreaterThan(10_000);
        await page.CloseAsync(); // before the silo stops, so the page does not log its reconnect attempts
    }

    private static Task<Ladder> WaitForLadderAsync(IPage page, Func<Ladder, bool> condition, string what, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => ReadLadderAsync(page), condition, ladder => $"{what} (last seen {ladder})", cancellationToken);

    private static async Task<Ladder> ReadLadderAsync(IPage page)
    {
        var data = await page.EvaluateExpressionAsync<Dictionary<string, string>>(
            "(() => { const d = document.getElementById('ladder').dataset; return { bid: d.bestBid || '', ask: d.bestAsk || '', sequence: d.sequence || '', epoch: d.epoch || '', state: d.state || '' }; })()");
        return new Ladder(
            data["bid"],
            data["ask"],
            long.TryParse(data["sequence"], out var sequence) ? sequence : null,
            long.TryParse(data["epoch"], out var epoch) ? epoch : null,
            data["state"]);
    }

    /// <summary>TestResults/browser beside the test project (bin/Release/net10.0 is three levels below it).</summary>
    private static string ArtifactsDirectory()
    {
        var project = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Parent?.FullName ?? AppContext.BaseDirectory;
        return Directory.CreateDirectory(Path.Combine(project, "TestResults", "browser")).FullName;
    }

    private sealed record Ladder(string BestBid, string BestAsk, long? Sequence, long? Epoch, string State);
}
