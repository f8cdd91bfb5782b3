using OrleansFeed.TestKit.Browser;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Dashboard;

/// <summary>
/// The system Chromium, headless, with a fresh profile folder of its own (<see cref="ChromiumBinary"/>: never a
/// downloaded browser). Disposing closes the browser, then deletes the profile.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly DirectoryInfo _profile;
    private readonly IBrowser _browser;

    private HeadlessChromium(DirectoryInfo profile, IBrowser browser)
    {
        _profile = profile;
        _browser = browser;
    }

    /// <summary>Starts the browser.</summary>
    /// <param name="timeout">Puppeteer's timeout for the launch and its calls.</param>
    /// <returns>The running browser.</returns>
    /// <exception cref="InvalidOperationException">Chromium is not installed (only reached with CI=true: <c>[ChromiumFact]</c> skips otherwise).</exception>
    public static async Task<HeadlessChromium> LaunchAsync(TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("orleansfeed-chromium-");
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ChromiumBinary.Find() ?? throw new InvalidOperationException("CI=true but chromium is not installed (apt-get install -y chromium)."),
                Headless = true,
                UserDataDir = profile.FullName,
                Args = [.. ChromiumBinary.HeadlessArgs],
                Timeout = (int)timeout.TotalMilliseconds,
            });
            return new HeadlessChromium(profile, browser);
        }
        catch
        {
            DeleteProfile(profile);
            throw;
        }
    }

    /// <summary>A new page whose console messages go to the test output.</summary>
    /// <param name="output">The test's output.</param>
    /// <returns>The page.</returns>
    public async Task<IPage> NewPageAsync(ITestOutputHelper output)
    {
        var page = await _browser.NewPageAsync();
        page.Console += (_, e) => output.WriteLine($"[browser {e.Message.Type}] {e.Message.Text}");
        return page;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        DeleteProfile(_profile);
    }

    private static void DeleteProfile(DirectoryInfo profile)
    {
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; the temp folder is cleaned by the OS.
        }
    }
}
