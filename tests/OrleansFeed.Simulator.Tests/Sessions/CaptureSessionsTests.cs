using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Simulator;

namespace OrleansFeed.Simulator.Tests.Sessions;

/// <summary>Verifies how several capture sessions are laid on one timeline: other hosts side by side, same host one after another, overlapping recordings kept together, non-capture files skipped.</summary>
public sealed class CaptureSessionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("capture-sessions-").FullName;

    [Fact]
    public void ReadAligned_SessionsOfTwoHostsAndTwoDays_AlignsByHost()
    {
        Write("a-day1.txt", "wss://a.example/ws", 100);
        Write("b-day1.txt", "wss://b.example/ws", 500);
        Write("a-day2.txt", "wss://a.example/ws", 9_000);
        Write("a-day2-overlap.txt", "wss://a.example/ws", 9_001);
        File.WriteAllText(Path.Combine(_dir, "README.md"), "not a capture");

        var records = CaptureSessions.ReadAligned([_dir]);

        var opens = records.Where(r => r.Kind == CaptureRecordKind.Open).Select(r => (r.Source, Seconds: r.Time.UnixMicroseconds / 1_000_000.0)).ToList();
        opens.Should().HaveCount(4);
        opens.Where(o => o.Source.Contains("b.example", StringComparison.Ordinal)).Single().Seconds.Should().Be(100);
        opens.Where(o => o.Source.Contains("a.example", StringComparison.Ordinal)).Select(o => o.Seconds).Should().Equal(100, 103, 104);
        records.Select(r => r.Time).Should().BeInAscendingOrder();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A 2-second session: open at <paramref name="start"/>, frames at +1 and +2 s.</summary>
    private void Write(string name, string url, long start) =>
        File.WriteAllLines(Path.Combine(_dir, name),
        [
            $"{url} <-> {start}.0",
            $"{start + 1}.0: {{\"n\":1}}",
            $"{start + 2}.0: {{\"n\":2}}",
        ]);
}
