using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.TestSupport;

/// <summary>Tests that share one redis-server (they never stop it); each uses its own key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "redis";
}
