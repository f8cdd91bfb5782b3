using System.Text.RegularExpressions;
using OrleansFeed.Core.Time;
using OrleansFeed.Exchanges.Common.Parsing;
using OrleansFeed.Exchanges.Common.Scanning;

namespace OrleansFeed.Exchanges.Tests.Scanning;

/// <summary>
/// What a venue's scanner differential needs to know about the venue: its recording folder, how a frame names its
/// symbol, and how to build its parser with or without the scanner.
/// </summary>
/// <param name="Folder">The venue's folder under the shared recordings.</param>
/// <param name="Symbol">Finds each symbol a frame names, in its first group.</param>
/// <param name="Parser">The venue's parser over a symbol table, with the scanner (true) or validating only (false).</param>
/// <param name="SymbolNoun">What the venue calls a symbol ("symbol", "instrument", "pair"), for failure messages.</param>
internal sealed record ScannerVenue(string Folder, Regex Symbol, Func<SymbolTable, bool, IFrameParser> Parser, string SymbolNoun = "symbol");

/// <summary>Scans one recorded frame with the venue's scanner; true when the scanner read it.</summary>
internal delegate bool ScanFrame(byte[] frame, SymbolCache symbols, Timestamp time);

/// <summary>
/// The procedure every venue's scanner differential shares: the parser with its scanner and without must produce the
/// same status, events and rejections over every recorded frame and over seeded damaged copies of the hot frames, and
/// the scanner (not the fallback) must read every recorded frame of its shape.
/// </summary>
internal static class ScannerDifferential
{
    /// <summary>Every recorded frame, with and without scanner: identical, and one left-out symbol is rejected on both.</summary>
    public static void AssertSameOverRecording(ScannerVenue venue)
    {
        var frames = ParserDifferential.RecordedFrames(venue.Folder).ToList();
        var differential = LeaveOneSymbolOut(venue, frames);
        foreach (var (frame, time) in frames)
        {
            differential.Check(frame, time);
        }

        differential.Frames.Should().Be(frames.Count);
        differential.Rejected.Should().BeGreaterThan(0, $"one recorded {venue.SymbolNoun} is left out of the table, so its frames are rejected on both paths");
    }

    /// <summary>
    /// Every kind of <see cref="FrameDamage"/> applied to each frame <paramref name="pick"/> chooses from the recording:
    /// identical with and without scanner, and more than the rejection count <paramref name="pick"/> names are rejected.
    /// </summary>
    public static void AssertSameOverDamagedFrames(
        ScannerVenue venue,
        Random random,
        Func<List<(byte[] Frame, Timestamp Time)>, (List<(byte[] Frame, Timestamp Time)> Damaged, int RejectedAbove)> pick)
    {
        var frames = ParserDifferential.RecordedFrames(venue.Folder).ToList();
        var differential = LeaveOneSymbolOut(venue, frames);
        var (damaged, rejectedAbove) = pick(frames);
        damaged.Should().NotBeEmpty();
        foreach (var (frame, time) in damaged)
        {
            for (var kind = 0; kind < FrameDamage.Kinds; kind++)
            {
                differential.Check(FrameDamage.Apply(frame, kind, random), time);
            }
        }

        differential.Rejected.Should().BeGreaterThan(rejectedAbove, "most damage is rejected, on both paths alike");
    }

    /// <summary>
    /// Every recorded frame of the scanner's shape (more than <paramref name="moreThan"/> of them) is read by
    /// <paramref name="scan"/>; a failure shows the frame's first <paramref name="shown"/> characters.
    /// </summary>
    public static void AssertScannerReadsEvery(
        string folder, Func<byte[], bool> isShape, string shape, ScanFrame scan, int moreThan = 0, int shown = 200)
    {
        var frames = ParserDifferential.RecordedFrames(folder).Where(f => isShape(f.Frame)).ToList();
        var symbols = new SymbolCache(new SymbolTable([], acceptUnknown: true));
        frames.Should().HaveCountGreaterThan(moreThan);
        foreach (var (frame, time) in frames)
        {
            scan(frame, symbols, time)
                .Should().BeTrue($"a recorded {shape}: {System.Text.Encoding.UTF8.GetString(frame[..Math.Min(shown, frame.Length)])}");
        }
    }

    private static ParserDifferential LeaveOneSymbolOut(ScannerVenue venue, List<(byte[] Frame, Timestamp Time)> frames)
    {
        // Every symbol the recording names but the last: the left-out one exercises the unknown-symbol rejection.
        var named = frames
            .SelectMany(f => venue.Symbol.Matches(System.Text.Encoding.UTF8.GetString(f.Frame)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var known = named.Take(named.Count - 1).ToList();
        return new ParserDifferential(venue.Parser(new SymbolTable(known), true), venue.Parser(new SymbolTable(known), false));
    }
}
