using Microsoft.Extensions.Time.Testing;
using OrleansFeed.Silo.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Silo;

/// <summary>Verifies when a last-value key is due: first read, change plus one settle pass, keep-alive, sticky refresh-all.</summary>
public sealed class LastValueKeyStateTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private LastValuePass Pass(bool refreshAll = false) => new(_clock.GetTimestamp(), refreshAll, KeepAlive);

    private bool PublishIfDue(LastValueKeyState state, bool refreshAll = false)
    {
        var pass = Pass(refreshAll);
        if (!state.IsDue(pass, _clock))
        {
            return false;
        }

        state.Published(pass);
        return true;
    }

    [Fact(Timeout = 5_000)]
    public async Task GrainReadKey_ChangedOnce_IsPublishedThenSettledOnceThenQuiet()
    {
        var state = new LastValueKeyState("binance:BTCUSDT", settle: true);

        PublishIfDue(state).Should().BeTrue("never published");
        PublishIfDue(state).Should().BeTrue("one settle read after the first read");
        PublishIfDue(state).Should().BeFalse("settled and unchanged");

        state.MarkChanged();
        state.MarkChanged();
        PublishIfDue(state).Should().BeTrue("changed");
        PublishIfDue(state).Should().BeTrue("settle read after the change");
        PublishIfDue(state).Should().BeFalse();
        await Task.CompletedTask;
    }

    [Fact(Timeout = 5_000)]
    public async Task EventKey_Changed_IsPublishedWithoutSettle()
    {
        var state = new LastValueKeyState("BTC-USDT", settle: false);

        PublishIfDue(state).Should().BeTrue();
        PublishIfDue(state).Should().BeFalse();
        state.MarkChanged();
        PublishIfDue(state).Should().BeTrue();
        PublishIfDue(state).Should().BeFalse();
        await Task.CompletedTask;
    }

    [Fact(Timeout = 5_000)]
    public async Task UnchangedKey_AfterKeepAlive_IsDueAgain()
    {
        var state = new LastValueKeyState("BTC-USDT", settle: false);
        PublishIfDue(state).Should().BeTrue();

        _clock.Advance(KeepAlive - TimeSpan.FromMilliseconds(1));
        PublishIfDue(state).Should().BeFalse();
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        PublishIfDue(state).Should().BeTrue("keep-alive so the TTL never runs out while the silo serves the key");
        PublishIfDue(state).Should().BeFalse();
        await Task.CompletedTask;
    }

    [Fact(Timeout = 5_000)]
    public async Task RefreshAll_ReadFailed_StaysDueUntilPublished()
    {
        var state = new LastValueKeyState("BTC-USDT", settle: false);
        PublishIfDue(state).Should().BeTrue();

        state.IsDue(Pass(refreshAll: true), _clock).Should().BeTrue();
        // The read failed: not published. The next ordinary pass must still offer the key.
        PublishIfDue(state).Should().BeTrue("a refresh-all request sticks until the key is written");
        PublishIfDue(state).Should().BeFalse();
        await Task.CompletedTask;
    }
}
