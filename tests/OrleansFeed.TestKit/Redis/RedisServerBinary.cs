namespace OrleansFeed.TestKit.Redis;

/// <summary>Locates the <c>redis-server</c> executable (PATH, then the Debian locations).</summary>
public static class RedisServerBinary
{
    /// <summary>The full path of <c>redis-server</c>, or null when it is not installed.</summary>
    public static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"]);
        return dirs.Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
    }

    /// <summary>True when running in CI (<c>CI=true</c>), where a missing server is a failure, not a skip.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
