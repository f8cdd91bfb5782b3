using OrleansFeed.TestKit.Nats;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>Shares one nats-server (JetStream on) among the bridge tests that do not restart it; each test uses its own subject prefix.</summary>
[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "bridge-nats-server";
}
