using OrleansFeed.Core.Connections;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Sessions;

namespace OrleansFeed.Exchanges.Tests.Sessions;

/// <summary>Verifies the connection diagnostics count attempts per failure streak and report only state changes.</summary>
public sealed class ConnectionDiagnosticsTests
{
    private static readonly Timestamp T1 = new(1_700_000_000_000_000);
    private static readonly Timestamp T2 = new(1_700_000_001_000_000);

    [Fact]
    public void OnFailed_Repeatedly_ReportsOnlyTheFirstAsStateChangeAndCountsAttempts()
    {
        var diagnostics = new ConnectionDiagnostics("kraken", "kraken-0", "ws.kraken.com");

        diagnostics.OnFailed("refused", T1, T2).Should().BeTrue();
        diagnostics.OnFailed("refused", T2, T2).Should().BeFalse();
        diagnostics.OnFailed("timed out", T2, T2).Should().BeFalse();

        var snapshot = diagnostics.Read();
        snapshot.Should().Be(new ConnectionSnapshot("kraken", "kraken-0", "ws.kraken.com", VenueConnectionState.Retrying, 3, 3, "timed out", T2, T2));
    }

    [Fact]
    public void OnConnected_AfterFailures_ReturnsTheAttemptsAndResetsTheStreakButNotTheTotal()
    {
        var diagnostics = new ConnectionDiagnostics("okx", "public-0", "ws.okx.com:8443");
        diagnostics.OnFailed("refused", T1, T2);
        diagnostics.OnFailed("refused", T1, T2);

        diagnostics.OnConnected().Should().Be(2);

        var snapshot = diagnostics.Read();
        snapshot.State.Should().Be(VenueConnectionState.Connected);
        snapshot.FailedAttempts.Should().Be(0);
        snapshot.Failures.Should().Be(2);
        snapshot.LastError.Should().Be("refused", "the last error stays visible after recovery");
        snapshot.NextRetry.IsNone.Should().BeTrue();
        diagnostics.OnFailed("closed by the venue", T2, T2).Should().BeTrue("losing an open connection is a state change");
    }
}
