using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using OrleansFeed.EndToEnd.Tests.Venues;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Silo.Commands;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Nats;
using OrleansFeed.TestKit.Redis;
using OrleansFeed.Simulator;
using Xunit.Abstractions;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary>
/// Three real <c>orleansfeed run --cluster</c> processes on one real redis-server (NATS bridge on, one real nats-server), against one simulator (in the test
/// process) playing three venues' recordings (Binance USD-M, Binance.US, OKX) at half the recorded pace: the connectors spread over the silos, each venue is
/// connected exactly once; <c>kill -9</c> of the silo holding the most connectors brings every book of its venues back
/// synced, with a higher epoch, on a survivor, and WebSocket clients on the survivors that follow those books get a
/// higher-epoch snapshot on their open sessions, then gap-free deltas; a silo joining later opens no second venue connection; SIGTERM of a
/// survivor hands its connectors over (books synced again elsewhere, still one connection per venue); at the end of
/// playback every book served by a remaining silo, and every book kept by a WebSocket client there, equals the
/// independent rebuild of its recording; a NATS consumer saw each book message once, gap-free per publishing silo.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int ComparedLevels = 20;

    // Half the recorded pace (about 60 s of playback): the kill and the re-sync happen while the recordings still play,
    // as with a live venue whose diffs never stop (a REST-snapshot book is synced again on its first diff). The Binance
    // spot recording is left out for that reason: RUNEEUR has 2 diffs in 30 s.
    private const double PlaybackSpeed = 0.5;
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(4);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [RedisFact]
    public async Task KillNine_OfTheSiloHoldingConnectors_BooksSyncedAgainOnSurvivorsWithHigherEpoch_AndEqualToRebuildAtEnd()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var redis = new RedisServerFixture();
        var nats = new NatsServerFixture();
        try
        {
            await redis.StartAsync();
            await nats.InitializeAsync();
            await RunClusterAsync(redis, nats, ct);
        }
        finally
        {
            await nats.DisposeAsync();
            await redis.DisposeAsync();
        }
    }

    private async Task RunClusterAsync(RedisServerFixture redis, NatsServerFixture nats, CancellationToken ct)
    {
        var futures = SharedData.Files("binance_futures").Where(f => f.Contains("2021-07-22", StringComparison.Ordinal)).ToArray();
        var us = SharedData.Files("binance_us_spot").Where(f => f.Contains("2021-10-12", StringComparison.Ordinal)).ToArray();
        var okx = SharedData.Files("okx").Single(f => f.Contains("2022-02-27", StringComparison.Ordinal));
        var (simulator, overrides) = await SimulatorOverrides.StartSimulatorAsync([.. futures, .. us, okx], PlaybackSpeed, ConfigurationLoader.Load(null), ct);
        await using var playback = simulator;
        var reference = new Dictionary<string, RefBook>(StringComparer.Ordinal);
        Add(reference, "binance-futures", ReferenceBinanceBooks.Build(futures, futures: true));
        Add(reference, "binance-us", ReferenceBinanceBooks.Build(us, futures: false));
        // Instruments the recording never gave a snapshot for cannot sync: left out of every check.
        foreach (var (symbol, book) in ReferenceOkxBooks.Build(okx).Books.Where(b => b.Value.Snapshots > 0))
        {
            reference[$"okx:{symbol}"] = RefBook.From(VenueBooksTests.Decimals(book.Bids), VenueBooksTests.Decimals(book.Asks));
        }

        List<KeyValuePair<string, string?>> settings =
        [
            .. overrides,
            new("Silo:ClusterId", "test-" + Guid.NewGuid().ToString("N")[..8]),
            new("Cluster:ExpectedSilos", "3"),
            new("Silo:SupervisorInterval", "00:00:01"),
        ];
        // The NATS bridge on every silo (skipped with the NATS checks only where nats-server is missing outside CI).
        var withNats = nats.SkipReason is null;
        if (withNats)
        {
            settings.AddRange([new("Nats:Enabled", "true"), new("Nats:Url", nats.Url), new("Nats:JetStream:Storage", "Memory")]);
        }
        else
        {
            output.WriteLine("NATS checks skipped: " + nats.SkipReason);
        }

        var silos = new List<SiloProcess>();
        var followers = new List<(BookSocketFollower Client, SiloProcess Silo, string Book)>();
        await using var recorder = withNats ? await BookSubjectRecorder.StartAsync(nats.Url, ct) : null;
        try
        {
            var formation = Stopwatch.StartNew();
            for (var i = 1; i <= 3; i++)
            {
                silos.Add(SiloProcess.Start($"silo-{i}", redis.ConnectionString, settings));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var venues = reference.Keys.Select(k => k[..k.IndexOf(':', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).ToList();
            var placed = await Poll.UntilAsync(
                () => TryGetClusterAsync(http, silos[0]),
                c => c is not null && c.Silos.Count(s => s.Status == "active") == 3 && venues.All(v => c.Connectors.ContainsKey(v)),
                c => $"3 active silos and connectors {string.Join(", ", venues)} placed (cluster: {Describe(c)})",
                ct);
            output.WriteLine($"cluster formed and every connector placed {formation.Elapsed.TotalSeconds:F1} s after the three processes started; {Describe(placed)}");
            placed!.Connectors.Values.Distinct(StringComparer.Ordinal).Should().HaveCountGreaterThan(1, "connectors spread over the silos");

            // Every venue connected exactly once in the cluster (one planned connection each), then playback.
            await Poll.UntilAsync(() => simulator.ClientsConnected >= venues.Count && simulator.SubscriptionsOf("okx").Count > 0, "every venue connected", ct);
            simulator.Resume();
            simulator.ClientsConnected.Should().Be(venues.Count, "each venue is connected by exactly one connector in the cluster");

            // The victim: the silo holding the most connectors; its venues' books must come back elsewhere.
            var victimAddress = placed.Connectors.Values.GroupBy(a => a, StringComparer.Ordinal).MaxBy(g => g.Count())!.Key;
            var victim = silos.Single(s => placed.Silos.Single(x => x.Address == victimAddress).ApiUrl == s.Api.ToString().TrimEnd('/'));
            var survivors = silos.Where(s => s != victim).ToList();
            var victimVenues = placed.Connectors.Where(c => c.Value == victimAddress).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var victimBooks = reference.Keys.Where(k => victimVenues.Contains(k[..k.IndexOf(':', StringComparison.Ordinal)])).ToList();
            var epochs = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var key in victimBooks)
            {
                var book = await Poll.UntilAsync(() => TryGetBookAsync(http, survivors[0], key), b => b is { SyncState: "synced" }, b => $"{key} synced before the kill (is {b?.SyncState})", ct);
                epochs[key] = book!.Epoch;
                book.Silo.Should().Be(victimAddress, "books live beside their connector");
            }

            // WebSocket clients on both survivors (one will be stopped by SIGTERM later) follow every book of the victim's
            // venues, which all live on the victim: cross-silo sessions before the kill; after it, the book re-activates on
            // one of them and the session must follow it there.
            foreach (var silo in survivors)
            {
                foreach (var key in victimBooks)
                {
                    var colon = key.IndexOf(':', StringComparison.Ordinal);
                    followers.Add((await BookSocketFollower.StartAsync(silo.Name, silo.Api, key[..colon], key[(colon + 1)..], ct), silo, key));
                }
            }

            foreach (var (client, _, key) in followers)
            {
                await Poll.UntilAsync(() => client.Snapshots.Count > 0, $"{key} snapshot on {client.Silo}'s WebSocket before the kill", ct);
            }

            var position = $"{simulator.Position} of {simulator.Total} frames played";
            var killed = Stopwatch.StartNew();
            victim.KillHard();
            var back = new List<(string Book, double Seconds)>();
            foreach (var key in victimBooks)
            {
                // Any survivor serves any book: read each from the other survivor than the one that holds it, where possible.
                await Poll.UntilAsync(
                    () => TryGetBookAsync(http, survivors[back.Count % survivors.Count], key),
                    b => b is { SyncState: "synced" } && b.Epoch > epochs[key] && b.Silo != victimAddress,
                    b => $"{key} synced again on a survivor with an epoch above {epochs[key]} (is {b?.SyncState}, epoch {b?.Epoch}, silo {b?.Silo})",
                    ct);
                back.Add((key, killed.Elapsed.TotalSeconds));
            }

            // Every WebSocket client on a survivor gets a snapshot of a higher epoch (the new incarnation), synced, on its open session.
            foreach (var (client, _, key) in followers)
            {
                await Poll.UntilAsync(
                    () => Task.FromResult(client.Position),
                    p => p.Epoch > epochs[key] && p.SyncState == "synced",
                    p => $"{key} on {client.Silo}'s WebSocket: a synced snapshot with an epoch above {epochs[key]} (is epoch {p.Epoch}, {p.SyncState}; session {client.Ended ?? "open"})",
                    ct);
            }

            output.WriteLine($"kill -9 of {victim.Name} ({string.Join(", ", victimVenues)}) at {position}: first of {victimBooks.Count} books synced again after {back.Min(b => b.Seconds):F1} s, last ({back.MaxBy(b => b.Seconds).Book}) after {back.Max(b => b.Seconds):F1} s; each: {string.Join(", ", back.Select(b => $"{b.Book} {b.Seconds:F1}"))}");

            // A silo joining later never opens a second connection to a venue.
            var connections = simulator.ClientsConnected;
            var late = SiloProcess.Start("silo-4", redis.ConnectionString, settings);
            silos.Add(late);
            await Poll.UntilAsync(
                () => TryGetClusterAsync(http, survivors[0]),
                c => c is not null && c.Silos.Any(s => s.ApiUrl == late.Api.ToString().TrimEnd('/') && s.Status == "active"),
                c => $"the late silo active and published (cluster: {Describe(c)})",
                ct);
            // Its readiness check "cluster" turns healthy once its supervisor completed a pass that found every connector running.
            await Poll.UntilAsync(() => ClusterCheckHealthyAsync(http, late), "the late silo's supervisor passed over every connector", ct);
            simulator.ClientsConnected.Should().Be(connections, "the late silo's supervisor finds every connector running elsewhere");
            var after = await TryGetClusterAsync(http, late);
            after!.Silos.Single(s => s.ApiUrl == late.Api.ToString().TrimEnd('/')).Connectors.Should().BeEmpty();

            // SIGTERM of a survivor holding connectors: they are handed over to the silos that stay.
            var leavingAddress = after.Connectors.Values.First(a => a != victimAddress);
            var leaving = silos.Single(x => after.Silos.Single(y => y.Address == leavingAddress).ApiUrl == x.Api.ToString().TrimEnd('/'));
            var stay = silos.First(x => x != victim && x != leaving);
            var handedVenues = after.Connectors.Where(c => c.Value == leavingAddress).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var handedBooks = reference.Keys.Where(k => handedVenues.Contains(k[..k.IndexOf(':', StringComparison.Ordinal)])).ToList();
            var before = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var key in handedBooks)
            {
                before[key] = (await Poll.UntilAsync(() => TryGetBookAsync(http, stay, key), b => b is not null, b => $"{key} readable before SIGTERM", ct))!.Epoch;
            }

            var terminated = Stopwatch.StartNew();
            leaving.Terminate(TimeSpan.FromSeconds(60)).Should().BeTrue("SIGTERM shuts the silo down");
            var exited = terminated.Elapsed.TotalSeconds;
            foreach (var key in handedBooks)
            {
                await Poll.UntilAsync(
                    () => TryGetBookAsync(http, stay, key),
                    b => b is { SyncState: "synced" } && b.Epoch > before[key] && b.Silo != leavingAddress,
                    b => $"{key} handed over after SIGTERM: synced with an epoch above {before[key]} (is {b?.SyncState}, epoch {b?.Epoch}, silo {b?.Silo})",
                    ct);
            }

            output.WriteLine($"SIGTERM of {leaving.Name} ({string.Join(", ", handedVenues)}): process exited after {exited:F1} s, its {handedBooks.Count} books synced again elsewhere {terminated.Elapsed.TotalSeconds:F1} s after the signal");
            simulator.ClientsConnected.Should().Be(venues.Count, "after the hand-over each venue is still connected exactly once");

            // End of playback: every book, read from a silo still running, equals the rebuild of its recording.
            await simulator.PlaybackCompleted.WaitAsync(ct);
            foreach (var (key, expected) in reference)
            {
                var want = Top(expected);
                await Poll.UntilAsync(
                    () => TryGetBookAsync(http, stay, key),
                    b => b is { SyncState: "synced" } && Top(b.ToRefBook()).Equals(want),
                    b => $"{key} synced and equal to the rebuild at the top {ComparedLevels} levels (is {b?.SyncState}; best bid {b?.Bids.FirstOrDefault()?[0]} vs {want.Bids.FirstOrDefault().Price})",
                    ct);
            }

            // The WebSocket clients on the silo still running end with the book REST serves and the rebuild; none of them
            // ever saw a gap, an epoch change without a snapshot, or an epoch going backwards.
            foreach (var (client, silo, key) in followers)
            {
                if (silo == stay)
                {
                    var want = Top(reference[key]);
                    var rest = await Poll.UntilAsync(() => TryGetBookAsync(http, stay, key), b => b is not null, b => $"{key} from REST", ct);
                    Top(rest!.ToRefBook()).Should().Be(want, $"{key} from REST equals the rebuild");
                    await Poll.UntilAsync(() => client.Top(ComparedLevels).Equals(want), $"{key} on {client.Silo}'s WebSocket equal to REST and the rebuild at the top {ComparedLevels} levels", ct);
                    client.Ended.Should().BeNull($"{key}'s session on the silo that stays is still open");
                }

                client.Violations.Should().BeEmpty($"{key} on {client.Silo}'s WebSocket: snapshot, then gap-free deltas of its epoch");
                client.Snapshots.Select(x => x.Epoch).Should().BeInAscendingOrder($"{key} on {client.Silo}: epochs only grow");
            }

            if (recorder is not null)
            {
                await CheckNatsConsumerAsync(recorder, http, stay, reference.Keys, epochs, ct);
            }

            var stayed = followers.Where(f => f.Silo == stay).ToList();
            stayed.Sum(f => f.Client.DeltasAbove(epochs[f.Book])).Should().BePositive("deltas follow the new epoch's snapshot on the open sessions");
            output.WriteLine($"WebSocket on {stay.Name}: {stayed.Count} books followed through the kill and the hand-over; " +
                string.Join(", ", stayed.Select(f => $"{f.Book} snapshots at epochs [{string.Join(",", f.Client.Snapshots.Select(x => x.Epoch))}], {f.Client.DeltasAbove(epochs[f.Book])} deltas after the kill")));
        }
        catch
        {
            foreach (var silo in silos)
            {
                output.WriteLine(silo.Tail());
            }

            throw;
        }
        finally
        {
            foreach (var (client, _, _) in followers)
            {
                await client.DisposeAsync();
            }

            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    // The NATS consumer saw each book message once and, per publishing silo, without a gap; every book's messages end
    // with the epoch and sequence REST serves at the end; the killed silo's books continue under a higher epoch.
    private async Task CheckNatsConsumerAsync(BookSubjectRecorder recorder, HttpClient http, SiloProcess stay, IEnumerable<string> books, Dictionary<string, long> killedEpochs, CancellationToken ct)
    {
        var total = 0;
        foreach (var key in books)
        {
            var final = await Poll.UntilAsync(() => TryGetBookAsync(http, stay, key), b => b is not null, b => $"{key} from REST", ct);
            var messages = await Poll.UntilAsync(
                () => Task.FromResult(recorder.Of(key)),
                m => m.Count > 0 && m[^1].Epoch == final!.Epoch && m[^1].Sequence == final.Sequence,
                m => $"{key}'s last NATS message at REST's epoch {final!.Epoch} sequence {final.Sequence} (last seen: {(m.Count == 0 ? "none" : $"epoch {m[^1].Epoch} sequence {m[^1].Sequence}")})",
                ct);
            BookSubjectRecorder.Breaks(messages).Should().BeEmpty($"{key}: each book message reaches the NATS consumer once, gap-free per publishing silo");
            if (killedEpochs.TryGetValue(key, out var killed))
            {
                messages.Should().Contain(m => m.Epoch > killed && m.Kind == "rebuilt", $"{key}: after kill -9 NATS consumers are told of the rebuild under a higher epoch");
            }

            total += messages.Count;
        }

        output.WriteLine($"NATS consumer: {total} book messages, each once");
    }

    private static void Add(Dictionary<string, RefBook> reference, string venue, Dictionary<string, ReferenceBinanceBooks.Book> books)
    {
        foreach (var (symbol, book) in books.Where(b => b.Value.Synced))
        {
            reference[$"{venue}:{symbol}"] = RefBook.From(VenueBooksTests.Decimals(book.Bids), VenueBooksTests.Decimals(book.Asks));
        }
    }

    private static RefBook Top(RefBook book) => new([.. book.Bids.Take(ComparedLevels)], [.. book.Asks.Take(ComparedLevels)]);

    private static string Describe(ClusterView? c) => c is null
        ? "no answer"
        : string.Join("; ", c.Silos.Select(s => $"{s.Address} {s.Status} [{string.Join(",", s.Connectors)}]"));

    private static async Task<ClusterView?> TryGetClusterAsync(HttpClient http, SiloProcess silo)
    {
        try
        {
            return JsonSerializer.Deserialize<ClusterView>(await http.GetStringAsync(new Uri(silo.Api, "/api/v1/cluster")), Json);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException or JsonException)
        {
            // Not listening yet, or busy: asked again. A silo that is starting or being killed can also reset a connection
            // right after accepting it, which .NET reports as a bare SocketException ("Transport endpoint is not connected").
            return null;
        }
    }

    private static async Task<bool> ClusterCheckHealthyAsync(HttpClient http, SiloProcess silo)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(silo.Api, "/health/ready"));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("checks").EnumerateArray()
                .Any(c => c.GetProperty("name").GetString() == "cluster" && c.GetProperty("status").GetString() == "Healthy");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException or JsonException)
        {
            return false;
        }
    }

    private static async Task<BookView?> TryGetBookAsync(HttpClient http, SiloProcess silo, string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var path = $"/api/v1/books/{key[..colon]}/{Uri.EscapeDataString(key[(colon + 1)..])}?depth={ComparedLevels}";
        try
        {
            using var response = await http.GetAsync(new Uri(silo.Api, path));
            return response.IsSuccessStatusCode ? JsonSerializer.Deserialize<BookView>(await response.Content.ReadAsStringAsync(), Json) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    private sealed record ClusterView(ClusterSiloView[] Silos, Dictionary<string, string> Connectors, Dictionary<string, string> Books);

    private sealed record ClusterSiloView(string Address, string Status, string? ApiUrl, string[] Connectors, string[] Books);

    private sealed record BookView(string SyncState, long Epoch, long Sequence, string? Silo, string[][] Bids, string[][] Asks)
    {
        public RefBook ToRefBook() => new(
            [.. Bids.Select(l => (decimal.Parse(l[0], CultureInfo.InvariantCulture), decimal.Parse(l[1], CultureInfo.InvariantCulture)))],
            [.. Asks.Select(l => (decimal.Parse(l[0], CultureInfo.InvariantCulture), decimal.Parse(l[1], CultureInfo.InvariantCulture)))]);
    }
}
