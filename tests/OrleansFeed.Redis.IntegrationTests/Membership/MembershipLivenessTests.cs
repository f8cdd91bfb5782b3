using OrleansFeed.Redis.Membership;
using SiloStatus = OrleansFeed.Redis.Membership.SiloStatus;

namespace OrleansFeed.Redis.IntegrationTests.Membership;

/// <summary>Verifies the pure dead-silo rule: status Dead or heartbeat older than the timeout, with exact boundaries.</summary>
public sealed class MembershipLivenessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory(Timeout = 5_000)]
    [InlineData(SiloStatus.Active, 1_000_000, 1_030_000, false)] // exactly at the timeout: alive
    [InlineData(SiloStatus.Active, 1_000_000, 1_030_001, true)] // 1 ms past: dead
    [InlineData(SiloStatus.Joining, 1_000_000, 1_000_000, false)]
    [InlineData(SiloStatus.Active, 2_000_000, 1_000_000, false)] // heartbeat in the future (skew): alive
    [InlineData(SiloStatus.Dead, 1_000_000, 1_000_000, true)] // dead status wins over a fresh heartbeat
    public async Task IsDead_ForStatusAndHeartbeatAge_MatchesRule(SiloStatus status, long heartbeatMs, long nowMs, bool expected)
    {
        var entry = new SiloEntry("s", "h:1", status, heartbeatMs);

        MembershipLiveness.IsDead(entry, nowMs, Timeout).Should().Be(expected);
        MembershipLiveness.FindDeadSilos([entry], nowMs, Timeout).Should().HaveCount(expected ? 1 : 0);
        await Task.CompletedTask;
    }
}
