using OrleansFeed.Core.Books;
using System.CommandLine;
using System.Text.Json;
using OrleansFeed.Exchanges;
using OrleansFeed.Core.Aggregation.Nbbo;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Exchanges.Common.Venues;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Silo.Replay;

namespace OrleansFeed.Silo.Commands;

/// <summary><c>replay</c>: run captures through the live parsers and sync procedures as fast as possible; report and optionally write the final books.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("captures") { Description = "Capture files or folders (a .ws file and its .http file form one session).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo?>("--out") { Description = "Write the final state of every book as JSON (docs/replay.md)." };
        var depth = new Option<int?>("--depth") { Description = "Levels per side in --out (default: every level held)." };
        var command = new Command("replay", "Replay captures through the same parsing and sync code as live traffic.") { inputs, output, depth };
        command.SetAction((result, _) => CliErrors.RunAsync(() => Task.FromResult(Run(result.GetValue(inputs)!, result.GetValue(output), result.GetValue(depth)))));
        return command;
    }

    /// <summary>Checksum column: verified count, with failures after a slash when any; "-" for venues without checksums.</summary>
    private static string Checksums(BookSyncCounters c) =>
        c.ChecksumsVerified + c.ChecksumFailures == 0 ? "-" : c.ChecksumFailures == 0 ? $"{c.ChecksumsVerified}" : $"{c.ChecksumsVerified}/{c.ChecksumFailures}!";

    public static int Run(string[] inputs, FileInfo? output, int? depth)
    {
        var engine = new ReplayEngine(AllVenues.Registry());
        var sessions = new List<ReplaySession>();

        // Aggregates: captures from different moments are aligned to a common start (docs/aggregation.md#replay).
        var aggregation = new ReplayAggregation();
        aggregation.Attach(engine);
        var groups = CaptureFile.GroupSessions(inputs);
        var records = groups.Select(CaptureFile.ReadMerged).ToList();
        var alignment = ReplayAlignment.Of(records);
        for (var i = 0; i < groups.Count; i++)
        {
            sessions.Add(engine.Run(SessionName(groups[i][0]), groups[i], aggregation.Track(records[i], alignment.Offsets[i])));
        }

        Console.WriteLine($"{"session",-52} {"book",-30} {"state",-12} {"msgs",7} {"gaps",5} {"resyncs",7} {"trades",6} {"bids",5} {"asks",5} {"checksums",9}");
        foreach (var session in sessions)
        {
            foreach (var (key, book) in session.Books)
            {
                var c = book.Sync.Counters;
                var state = c.Messages == 0 ? "no-book" : book.Sync.State.ToWire();
                Console.WriteLine($"{session.Name,-52} {key,-30} {state,-12} {c.Messages,7} {c.Gaps,5} {c.Resyncs,7} {book.TradeCount,6} {book.Sync.Book.BidCount,5} {book.Sync.Book.AskCount,5} {Checksums(c),9}");
            }
        }

        var books = sessions.SelectMany(s => s.Books.Values).Where(b => b.Sync.Counters.Messages > 0).ToList();
        var unverifiable = books.Count(b => b.Sync.State == BookSyncState.Unverifiable);
        var unverified = books.Count(b => b.Sync.State == BookSyncState.Unverified);
        Console.WriteLine($"{books.Count(b => b.Sync.State == BookSyncState.Synced)}/{books.Count} books synced"
            + (unverifiable > 0 ? $" ({unverifiable} unverifiable: their feed has no sequence or checksum)" : string.Empty)
            + (unverified > 0 ? $", {unverified} unverified" : string.Empty)
            + $", {books.Sum(b => b.Sync.Counters.Gaps)} gaps, {sessions.Sum(s => s.RejectedFrames)} rejected frames, "
            + $"{books.Sum(b => b.Sync.Counters.ChecksumsVerified)} checksums verified, {books.Sum(b => b.Sync.Counters.ChecksumFailures)} checksum failures");
        if (output is not null)
        {
            using var stream = output.Create();
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            var names = sessions.Select(s => s.Name).ToList();
            ReplayReportWriter.Write(writer, sessions, depth ?? int.MaxValue, w => ReplayAggregatesWriter.Write(w, aggregation, alignment, names, QuoteCurrencyPolicy.Separate));
            Console.WriteLine($"Wrote {output.FullName}");
        }

        return 0;
    }

    private static string SessionName(string file)
    {
        var name = Path.GetFileName(file);
        foreach (var marker in new[] { ".ws.", ".http.", ".combined.", ".txt" })
        {
            var at = name.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                return $"{Path.GetFileName(Path.GetDirectoryName(file))}/{name[..at]}";
            }
        }

        return name;
    }
}
