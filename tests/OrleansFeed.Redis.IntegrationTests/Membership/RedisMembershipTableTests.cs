using OrleansFeed.Redis.IntegrationTests.TestSupport;
using SiloStatus = OrleansFeed.Redis.Membership.SiloStatus;
using OrleansFeed.Redis.Membership;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Membership;

/// <summary>Verifies the membership hash: upsert, heartbeat, read-all, mark-dead, and dead-silo detection by heartbeat age.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMembershipTableTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly RedisServerFixture _server;

    public RedisMembershipTableTests(RedisServerFixture server) => _server = server;

    [RedisFact(Timeout = 15_000)]
    public async Task UpsertHeartbeatReadAll_SiloSilentPastTimeout_IsDetectedDeadAndMarkedDead()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var time = new ManualTimeProvider();
        await using var ctx = RedisTestContext.Create(_server, nameof(UpsertHeartbeatReadAll_SiloSilentPastTimeout_IsDetectedDeadAndMarkedDead), time);
        var table = ctx.CreateMembershipTable();
        var t0 = time.GetUtcNow().ToUnixTimeMilliseconds();

        await table.UpsertAsync(new SiloEntry("silo-a", "10.0.0.1:11111", SiloStatus.Active, t0), cts.Token);
        await table.UpsertAsync(new SiloEntry("silo-b", "10.0.0.2:11111", SiloStatus.Active, t0), cts.Token);
        await table.UpsertAsync(new SiloEntry("silo-c", "10.0.0.3:11111", SiloStatus.Joining, t0), cts.Token);

        time.Advance(TimeSpan.FromSeconds(31));
        (await table.HeartbeatAsync("silo-b", cts.Token)).Should().BeTrue();
        (await table.HeartbeatAsync("silo-unknown", cts.Token)).Should().BeFalse();

        var all = await table.ReadAllAsync(cts.Token);
        all.Should().HaveCount(3);
        all.Single(e => e.SiloId == "silo-b").HeartbeatUtcMs.Should().Be(t0 + 31_000);
        all.Single(e => e.SiloId == "silo-c").Should().Be(new SiloEntry("silo-c", "10.0.0.3:11111", SiloStatus.Joining, t0));

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var dead = MembershipLiveness.FindDeadSilos(all, now, Timeout);
        dead.Should().BeEquivalentTo("silo-a", "silo-c");

        (await table.MarkDeadAsync("silo-a", cts.Token)).Should().BeTrue();
        (await table.MarkDeadAsync("silo-a", cts.Token)).Should().BeFalse("already dead");
        (await table.HeartbeatAsync("silo-a", cts.Token)).Should().BeFalse("a dead silo is not revived by a late heartbeat");
        (await table.ReadAllAsync(cts.Token)).Single(e => e.SiloId == "silo-a").Status.Should().Be(SiloStatus.Dead);
    }
}
