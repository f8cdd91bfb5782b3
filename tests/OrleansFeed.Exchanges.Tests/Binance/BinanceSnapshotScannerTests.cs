using System.Text;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Events;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Tests.Scanning;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.Exchanges.Tests.Binance;

/// <summary>
/// The Binance snapshot scanner against the validating snapshot parser: over every recorded REST depth body and over
/// seeded damaged copies, both accept with the same event or reject with the same reason; every recorded body is read
/// by the scanner.
/// </summary>
public sealed class BinanceSnapshotScannerTests
{
    public static TheoryData<string> Folders() => ["binance_spot", "binance_futures", "binance_coinm_futures", "binance_us_spot"];

    [Theory]
    [MemberData(nameof(Folders))]
    public void RecordedAndDamagedSnapshots_SameEventOrSameRejection(string folder)
    {
        var random = new Random(folder.Aggregate(1415, (seed, c) => (seed * 31) + c));
        var bodies = SnapshotBodies(folder);
        bodies.Should().NotBeEmpty();
        var rejected = 0;
        foreach (var (body, time) in bodies)
        {
            BinanceSnapshotScanner.TryScan(body, "SYM", time, ParseLimits.Default.MaxLevelsPerMessage, out var scanned)
                .Should().BeTrue("a recorded snapshot has the documented shape");
            scanned.ReturnLevels();
            Compare(body, time);
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                rejected += Compare(FrameDamage.Apply(body, kind, random), time) ? 0 : 1;
            }
        }

        rejected.Should().BeGreaterThan(bodies.Count, "most damage is rejected, on both paths alike");
    }

    private static bool Compare(byte[] body, Timestamp time)
    {
        var scanning = BinanceSnapshotParser.TryParse(body, "SYM", time, null, out var scanned, out var scannedReason);
        var validating = BinanceSnapshotParser.TryParseValidating(body, "SYM", time, null, out var validated, out var validatedReason);
        var text = Encoding.UTF8.GetString(body);
        scanning.Should().Be(validating, $"acceptance must not depend on the scanner for {text[..Math.Min(300, text.Length)]}");
        if (!validating)
        {
            scannedReason.Should().Be(validatedReason);
            return false;
        }

        Describe(scanned).Should().Be(Describe(validated));
        return true;
    }

    private static string Describe(BookEvent snapshot)
    {
        var sink = new TranscriptSink();
        sink.OnBookEvent(snapshot);
        return sink.Lines.Single();
    }

    private static List<(byte[] Body, Timestamp Time)> SnapshotBodies(string folder) =>
        [.. SharedData.Files(folder)
            .SelectMany(CaptureFile.Read)
            .Where(r => r.Kind == CaptureRecordKind.Rest && r.Source.Contains("/depth", StringComparison.Ordinal)
                && r.Payload.Span.IndexOf("\"lastUpdateId\""u8) >= 0)
            .Select(r => (r.Payload.ToArray(), r.Time))];
}
