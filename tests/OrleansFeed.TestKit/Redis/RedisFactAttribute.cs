using Xunit;

namespace OrleansFeed.TestKit.Redis;

/// <summary>
/// A fact that needs <c>redis-server</c>: skipped with a clear reason when the binary is missing locally; when
/// <c>CI=true</c> it is never skipped, so the fixture's start fails the test instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when redis-server is missing outside CI.</summary>
    public RedisFactAttribute()
    {
        if (RedisServerBinary.Find() is null && !RedisServerBinary.IsCi)
        {
            Skip = "redis-server not installed (apt-get install -y redis-server redis-tools); required when CI=true.";
        }
    }
}
