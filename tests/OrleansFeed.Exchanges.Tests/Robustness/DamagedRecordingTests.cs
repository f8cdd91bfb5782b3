using FluentAssertions;
using OrleansFeed.Core.Books;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Replay;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.TestKit.Captures;
using Xunit;

namespace OrleansFeed.Exchanges.Tests.Robustness;

/// <summary>
/// The verification contract on real recordings (docs/errors.md#book-states): with a few percent of the received frames
/// dropped or cut, the replay never fails, and no book reports <see cref="BookSyncState.Synced"/> while it differs from
/// the book the undamaged recording gives at the same point, at the depth the venue's proof covers (Kraken: top 10,
/// OKX and Bitfinex: top 25, sequenced feeds: the whole book).
/// </summary>
/// <remarks>The check runs after every record that touched a book: a synced damaged book is compared with the undamaged
/// replay's book as of the same record (a loss in a book's very last frame leaves nothing after it that could reveal it;
/// the book then still equals the venue's as of the last update that arrived).</remarks>
public sealed class DamagedRecordingTests
{
    private const double DamageRate = 0.03;

    /// <summary>Every venue folder with sequences or checksums, each with several seeds.</summary>
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        // Coinbase is absent: its recording is the Exchange level2 feed, which has neither (see ProoflessFeed_UnderDamage_NeverSynced).
        foreach (var folder in new[] { "binance_spot", "binance_futures", "binance_coinm_futures", "kucoin", "kraken", "okx", "bybit", "bitfinex" })
        {
            foreach (var seed in new[] { 1, 2, 3 })
            {
                data.Add(folder, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DroppedOrCutFrames_NoSyncedBookDiffersFromTheUndamagedOne(string folder, int seed)
    {
        var random = new Random(folder.Aggregate(seed * 7919, (s, c) => (s * 31) + c));
        var damaged = 0;
        var compared = 0;
        var wrong = new List<string>();
        foreach (var files in CaptureFile.GroupSessions([SharedData.PathOf(folder)]))
        {
            var original = CaptureFile.ReadMerged(files).ToList();

            // Reference run on the undamaged recording: each book's state (hashed at its proof depth) after every record that touched it.
            var reference = new Dictionary<string, List<(int Index, int Hash)>>(StringComparer.Ordinal);
            var touched = new Dictionary<string, ReplayBook>(StringComparer.Ordinal);
            var engine = new ReplayEngine(AllVenues.Registry()) { BookObserver = (book, _) => touched[Key(book)] = book };
            engine.Run(folder, files, Track([.. original.Select((r, i) => (i, r))], done =>
            {
                foreach (var (key, book) in touched)
                {
                    if (!reference.TryGetValue(key, out var states))
                    {
                        reference[key] = states = [];
                    }

                    states.Add((done, Hash(book)));
                }

                touched.Clear();
            }));

            var kept = new List<(int Index, CaptureRecord Record)>();
            var cut = new HashSet<int>();
            for (var i = 0; i < original.Count; i++)
            {
                var record = original[i];
                if (record.Kind != CaptureRecordKind.Received || random.NextDouble() >= DamageRate || record.Payload.Length < 2)
                {
                    kept.Add((i, record));
                    continue;
                }

                damaged++;
                if (random.Next(2) == 0)
                {
                    continue; // dropped: only a sequence or a checksum can reveal it
                }

                cut.Add(i);
                kept.Add((i, record with { Payload = record.Payload[..random.Next(1, record.Payload.Length)] })); // cut mid-frame
            }

            // The books each cut frame carried an update for (a cut frame is rejected at once, so its loss must show at once).
            var cutBooks = reference
                .SelectMany(r => r.Value.Where(s => cut.Contains(s.Index)).Select(s => (s.Index, Key: r.Key)))
                .ToLookup(x => x.Index, x => x.Key);

            // Damaged run: after every record, each book it touched (or whose update it was, when cut) that reports synced
            // must equal the reference as of that record.
            var books = new Dictionary<string, ReplayBook>(StringComparer.Ordinal);
            var damagedEngine = new ReplayEngine(AllVenues.Registry()) { BookObserver = (book, _) => books[Key(book)] = touched[Key(book)] = book };
            var run = () => damagedEngine.Run(folder, files, Track(kept, done =>
            {
                foreach (var key in cutBooks[done])
                {
                    if (books.TryGetValue(key, out var book))
                    {
                        touched[key] = book;
                    }
                }

                foreach (var (key, book) in touched)
                {
                    if (book.Sync.State != BookSyncState.Synced)
                    {
                        continue;
                    }

                    compared++;
                    if (!reference.TryGetValue(key, out var states) || LastAtOrBefore(states, done) != Hash(book))
                    {
                        wrong.Add($"{key} after record {done}");
                    }
                }

                touched.Clear();
            }));
            run.Should().NotThrow("damaged input is counted, never fatal");
        }

        damaged.Should().BeGreaterThan(0);
        compared.Should().BeGreaterThan(0, "books are synced before the first damage and again after later proofs, and are checked");
        wrong.Should().BeEmpty($"a book reporting synced must equal the undamaged one at the depth its proof covers (seed {seed})");
    }

    [Fact]
    public void ProoflessFeed_UnderDamage_NeverSynced()
    {
        var random = new Random(20261207);
        var files = CaptureFile.GroupSessions([SharedData.PathOf("coinbase")]).Single();
        var records = CaptureFile.ReadMerged(files)
            .Select(r => r.Kind == CaptureRecordKind.Received && random.NextDouble() < DamageRate ? r with { Payload = r.Payload[..(r.Payload.Length / 2)] } : r)
            .ToList();
        var synced = 0;
        var engine = new ReplayEngine(AllVenues.Registry()) { BookObserver = (book, _) => synced += book.Sync.State == BookSyncState.Synced ? 1 : 0 };

        var session = engine.Run("coinbase", files, records);

        synced.Should().Be(0, "the Coinbase Exchange level2 feed has no sequence and no checksum: nothing can prove its books");
        session.Books.Values.Should().Contain(b => b.Sync.State == BookSyncState.Unverified, "a cut frame may have carried an update of these books");
    }

    private static int? LastAtOrBefore(List<(int Index, int Hash)> states, int index)
    {
        int? hash = null;
        foreach (var (at, h) in states)
        {
            if (at > index)
            {
                break;
            }

            hash = h;
        }

        return hash;
    }

    private static IEnumerable<CaptureRecord> Track(IReadOnlyList<(int Index, CaptureRecord Record)> records, Action<int> after)
    {
        foreach (var (index, record) in records)
        {
            yield return record;
            after(index); // the engine asked for the next record: this one is fully handled
        }
    }

    private static string Key(ReplayBook book) => book.Instrument.Key.ToString();

    /// <summary>The depth a venue's proof covers: its checksum depth, or the whole book for sequenced feeds.</summary>
    private static int DepthOfProof(ReplayBook book) => book.Instrument.Venue switch
    {
        "kraken" => 10,
        "okx" => 25,
        "bitfinex" => 25,
        _ => int.MaxValue,
    };

    /// <summary>The book's levels at its proof depth, by value (1.0 equals 1.00: a resnapshot may write prices differently).</summary>
    private static int Hash(ReplayBook book)
    {
        var depth = DepthOfProof(book);
        var hash = new HashCode();
        foreach (var side in new[] { BookSide.Bid, BookSide.Ask })
        {
            foreach (var level in book.Sync.Book.ToArray(side, depth))
            {
                hash.Add(level.Price.ToDecimal());
                hash.Add(level.Size.ToDecimal());
            }

            hash.Add(side);
        }

        return hash.ToHashCode();
    }
}
