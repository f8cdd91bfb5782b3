using OrleansFeed.TestKit.Browser;
using OrleansFeed.TestKit.Ports;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in the system Chromium against a silo whose venue cannot be reached: the venue row shows the
/// connection failures and last error; when the silo goes away the page says so and, when a silo is back on the
/// same port, it reconnects by itself.
/// </summary>
public sealed class DashboardReconnectTests(ITestOutputHelper output)
{
    // Generous: the machine is shared and loaded; nothing here measures speed.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [ChromiumFact]
    public async Task Dashboard_SiloRestarts_ShowsReconnectingThenLiveAgainAndTheVenueError()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var port = FreePort.Next();
        var deadPort = FreePort.Next();
        await using var chromium = await HeadlessChromium.LaunchAsync(Timeout);
        await using var page = await chromium.NewPageAsync(output);

        var silo = await StartSiloAsync(port, deadPort, cts.Token);
        try
        {
            await page.GoToAsync($"http://127.0.0.1:{port}/", WaitUntilNavigation.Load);
            await WaitForAsync(page, "document.getElementById('connection').dataset.state === 'live'", "live", cts.Token);
            await WaitForAsync(page, $"document.querySelector('#venues td.error')?.textContent.includes('Z)') === true", "the venue's last error with its time", cts.Token);
            var failures = await page.EvaluateExpressionAsync<string>("document.querySelector('#venues tr').children[2].textContent");
            int.Parse(failures, System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(0);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        await WaitForAsync(page, "document.getElementById('connection').dataset.state === 'reconnecting'", "reconnecting after the silo stopped", cts.Token);

        await using var again = await StartSiloAsync(port, deadPort, cts.Token);
        await WaitForAsync(page, "document.getElementById('connection').dataset.state === 'live'", "live again", cts.Token);
        await page.CloseAsync();
    }

    private static Task<SimulatedSilo> StartSiloAsync(int port, int deadPort, CancellationToken cancellationToken)
    {
        var settings = UnreachableVenue.Settings(deadPort);
        settings["Logging:LogLevel:Default"] = "Error";
        return SimulatedSilo.StartConfiguredAsync(settings, cancellationToken, port);
    }

    private static Task WaitForAsync(IPage page, string condition, string what, CancellationToken cancellationToken) =>
        Poll.UntilAsync(() => page.EvaluateExpressionAsync<bool>(condition), what, cancellationToken);
}
