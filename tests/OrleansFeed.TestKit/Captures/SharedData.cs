namespace OrleansFeed.TestKit.Captures;

/// <summary>
/// Locates the recorded exchange traffic in <c>../shared/data</c> (beside the checkout, in CI too).
/// The files are read in place and never copied into the repository.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of the shared data folder.</summary>
    public static string Directory => Root.Value;

    /// <summary>Absolute path of a file or folder under shared/data, e.g. <c>binance_spot</c>.</summary>
    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    /// <summary>All capture files of one venue folder (e.g. <c>binance_futures</c>), sorted.</summary>
    public static string[] Files(string venueFolder) =>
        System.IO.Directory.GetFiles(PathOf(venueFolder), "*.txt.gz").OrderBy(f => f, StringComparer.Ordinal).ToArray();

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("ORLEANSFEED_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env))
        {
            return env;
        }

        // Walk up from the test binary until a sibling "shared/data" exists.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/data not found: place the shared folder beside the checkout or set ORLEANSFEED_SHARED_DATA.");
    }
}
