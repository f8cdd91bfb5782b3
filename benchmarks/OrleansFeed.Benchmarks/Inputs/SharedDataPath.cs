namespace OrleansFeed.Benchmarks.Inputs;

/// <summary>Finds the recorded traffic (../shared/data beside the checkout, or env ORLEANSFEED_SHARED_DATA); never copied into the repo.</summary>
internal static class SharedDataPath
{
    public static string Of(string relative)
    {
        var env = Environment.GetEnvironmentVariable("ORLEANSFEED_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return Path.Combine(env, relative);
        }

        // BenchmarkDotNet runs a generated copy of the binary several folders deep; walk up from there.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(candidate, relative);
            }
        }

        throw new InvalidOperationException("shared/data not found: place it beside the checkout or set ORLEANSFEED_SHARED_DATA.");
    }

    /// <summary>The single file matching <paramref name="pattern"/> in a venue folder.</summary>
    public static string File(string folder, string pattern) => Directory.GetFiles(Of(folder), pattern).Single();
}
