namespace OrleansFeed.Redis;

/// <summary>Helpers for StackExchange.Redis configuration strings (comma-separated <c>key=value</c> parts).</summary>
public static class RedisConnectionStrings
{
    /// <summary>
    /// Replaces the value of every <c>password=</c> part with <c>***</c>, so the string can be logged.
    /// Does not throw; null gives an empty string.
    /// </summary>
    /// <param name="connectionString">A configuration string, e.g. <c>host:6379,password=secret</c>.</param>
    /// <returns>The redacted string, e.g. <c>host:6379,password=***</c>.</returns>
    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return string.Empty;
        }

        var parts = connectionString.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].TrimStart();
            if (part.StartsWith("password=", StringComparison.OrdinalIgnoreCase))
            {
                parts[i] = "password=***";
            }
        }

        return string.Join(',', parts);
    }
}
