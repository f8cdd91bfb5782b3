namespace OrleansFeed.Silo.Commands;

/// <summary>Loads the silo configuration: a JSON file (default <c>silo-config/appsettings.json</c>), then <c>ORLEANSFEED_</c> environment variables.</summary>
internal static class ConfigurationLoader
{
    public static IConfigurationRoot Load(FileInfo? file, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var path = file?.FullName ?? FindDefault();
        if (path is not null)
        {
            builder.AddJsonFile(path, optional: false);
        }

        builder.AddEnvironmentVariables("ORLEANSFEED_");
        if (overrides is not null)
        {
            // Later entries win, so a specific override can follow a general one.
            var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in overrides)
            {
                merged[key] = value;
            }

            builder.AddInMemoryCollection(merged);
        }

        return builder.Build();
    }

    private static string? FindDefault()
    {
        foreach (var dir in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "silo-config", "appsettings.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
