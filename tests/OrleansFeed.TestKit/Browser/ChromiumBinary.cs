namespace OrleansFeed.TestKit.Browser;

/// <summary>
/// Locates the system Chromium (Debian's <c>chromium</c> package, <c>/usr/bin/chromium</c>) and holds the flags that
/// run it headless here. Tests never download a browser.
/// </summary>
public static class ChromiumBinary
{
    /// <summary>
    /// Flags that work in this environment (no GPU, no sandbox as root, no network chatter of its own); a fresh
    /// <c>--user-data-dir</c> is added per launch.
    /// </summary>
    public static IReadOnlyList<string> HeadlessArgs { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>True when running in CI (<c>CI=true</c>), where a missing browser is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of the Chromium executable (PATH, then /usr/bin), or null when it is not installed.</summary>
    public static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin"]);
        return dirs.SelectMany(d => new[] { Path.Combine(d, "chromium"), Path.Combine(d, "chromium-browser") }).FirstOrDefault(File.Exists);
    }
}
