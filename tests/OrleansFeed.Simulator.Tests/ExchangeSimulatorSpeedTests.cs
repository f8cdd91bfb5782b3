using System.Diagnostics;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Capture;

namespace OrleansFeed.Simulator.Tests;

/// <summary>
/// Playback speed fractions: at 0.5 every recorded gap is played twice as long, so the playback of a recorded span
/// cannot end before twice that span (and at 2 before half of it). Only lower bounds: pacing never plays a frame
/// early, however loaded the machine, while a loaded machine may well play late.
/// </summary>
public sealed class ExchangeSimulatorSpeedTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>The first seconds of the USD-M recording: a span long enough to tell the speeds apart, short enough to wait for.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1.5);

    /// <summary>Timer granularity allowed below the paced time.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public async Task Playback_FractionalOrMultipleSpeed_LastsAtLeastTheRecordedSpanDividedBySpeed(double speed)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var records = Recordings.Load(Recordings.FuturesStem);
        var start = records.Where(r => r.Kind == CaptureRecordKind.Received).Min(r => r.Time.UnixMicroseconds);
        var window = records.Where(r => r.Kind != CaptureRecordKind.Received || r.Time.UnixMicroseconds - start <= (long)Window.TotalMicroseconds).ToList();
        await using var sim = new ExchangeSimulator(window, new SimulatorOptions { PlaybackSpeed = speed, StartOnFirstSubscription = false });
        sim.PlaybackSpan.Should().BeGreaterThan(Window / 2, "the window holds frames across most of its length");
        sim.Total.Should().BeGreaterThan(10);

        var clock = Stopwatch.StartNew();
        await sim.StartAsync(cts.Token);
        await sim.PlaybackCompleted.WaitAsync(cts.Token);
        var elapsed = clock.Elapsed;

        elapsed.Should().BeGreaterThanOrEqualTo(sim.PlaybackSpan / speed - TimerSlack, $"speed {speed} plays a recorded span of {sim.PlaybackSpan} in {sim.PlaybackSpan / speed}");
        sim.Position.Should().Be(sim.Total);
    }
}
