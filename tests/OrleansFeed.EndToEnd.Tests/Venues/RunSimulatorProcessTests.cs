using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansFeed.Exchanges.Tests.Reference;
using OrleansFeed.Simulator.Listing;
using OrleansFeed.TestKit.Ports;
using static OrleansFeed.EndToEnd.Tests.Venues.VenueBooksTests;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>
/// The command-line contract with real processes: <c>orleansfeed simulate … --port S --hold</c>, then
/// <c>orleansfeed run --simulator http://127.0.0.1:S --port P</c>; once the silo is connected, <c>POST
/// /simulator/play</c>; after the playback, the silo serves every recorded Kraken book synced, its best levels equal
/// to the independent rebuild's. The silo runs at the shipped log levels (silo-config/appsettings.json) and its console
/// carries no per-call telemetry of Orleans' own resilience pipelines. Both processes are killed at the end, whatever
/// happens.
/// </summary>
public sealed class RunSimulatorProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task RunSimulator_RealSimulateAndRunProcesses_BooksSyncedEqualToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var book = Recording("kraken", "2021-04-05_book-1000");
        var reference = ReferenceKrakenBooks.Build(book).Books;
        var simulatorPort = FreePort.Next();
        var apiPort = FreePort.Next();
        var simulatorUri = new Uri($"http://127.0.0.1:{simulatorPort}");
        using var http = new HttpClient();
        using var simulate = Start(null, "simulate", book, "--port", Text(simulatorPort), "--speed", "0", "--hold");
        try
        {
            await Poll.UntilAsync(() => Answers(http, new Uri(simulatorUri, SimulatorListing.Path)), "the simulator's listing", cts.Token);
            var runOutput = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var run = Start(runOutput, "run", "--simulator", simulatorUri.ToString(), "--port", Text(apiPort));
            try
            {
                var api = new Uri($"http://127.0.0.1:{apiPort}");
                await Poll.UntilAsync(async () => await Answers(http, new Uri(api, "/api/v1/venues")) && (await Listing(http, simulatorUri, cts.Token)).Playback.Clients >= 1, "the silo connected to the simulator", cts.Token);
                (await Listing(http, simulatorUri, cts.Token)).Playback.State.Should().Be(PlaybackState.Waiting, "--hold: a subscription does not start the playback");

                using var play = await http.PostAsync(new Uri(simulatorUri, SimulatorListing.PlayPath), null, cts.Token);
                play.IsSuccessStatusCode.Should().BeTrue();
                await Poll.UntilAsync(async () => (await Listing(http, simulatorUri, cts.Token)).Playback.State == PlaybackState.Completed, "the playback completed", cts.Token);

                await UntilKrakenBooksMatchAsync(http, api, reference, cts.Token);

                reference.Should().HaveCount(10);

                // Orleans 10 places grains through a Polly pipeline whose telemetry logs two Information lines per
                // placement (hundreds at start-up, on the console's hot path); the shipped configuration keeps them out.
                runOutput.Should().NotContain(line => line.StartsWith("info: Polly", StringComparison.Ordinal));
                runOutput.Should().Contain(line => line.Contains("OrleansFeed", StringComparison.Ordinal), "the silo's own Information lines are still there");
            }
            finally
            {
                Stop(run);
            }
        }
        finally
        {
            Stop(simulate);
        }
    }

    /// <summary>
    /// <c>orleansfeed run --simulate</c> as a process: the capture loads while the silo is built, and the simulator's
    /// venue settings reach the silo's configuration only then (<c>LateSettings</c>). The silo must connect to the
    /// simulator (not to the live venue of silo-config), become ready, and serve every Kraken book synced with the
    /// independent rebuild's best levels.
    /// </summary>
    [Fact]
    public async Task RunSimulate_RealProcess_ConfiguredFromTheLoadedCapture_BooksSyncedEqualToReference()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var book = Recording("kraken", "2021-04-05_book-1000");
        var reference = ReferenceKrakenBooks.Build(book).Books;
        var apiPort = FreePort.Next();
        using var http = new HttpClient();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var run = Start(output, "run", "--simulate", book, "--speed", "0", "--port", Text(apiPort));
        try
        {
            var api = new Uri($"http://127.0.0.1:{apiPort}");
            await Poll.UntilAsync(() => Answers(http, new Uri(api, "/health/ready")), "the silo became ready", cts.Token);
            await UntilKrakenBooksMatchAsync(http, api, reference, cts.Token);

            reference.Should().HaveCount(10);
            output.Should().Contain(line => line.StartsWith("Simulator serving", StringComparison.Ordinal) && line.Contains("kraken (10 symbols)", StringComparison.Ordinal));
            output.Should().Contain(line => line.Contains("open to ws://127.0.0.1:", StringComparison.Ordinal), "the connection goes to the simulator, not to the venue configured in silo-config");
        }
        finally
        {
            Stop(run);
        }
    }

    /// <summary>Starts <c>orleansfeed</c> with <paramref name="args"/>; with <paramref name="output"/> its console lines are kept
    /// there at the shipped log levels, without it the process runs at Warning and prints to the test's console.</summary>
    private static Process Start(System.Collections.Concurrent.ConcurrentQueue<string>? output, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = output is not null,
            RedirectStandardError = output is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orleansfeed.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (output is null)
        {
            start.Environment["ORLEANSFEED_Logging__LogLevel__Default"] = "Warning";
        }

        var process = Process.Start(start)!;
        if (output is not null)
        {
            process.OutputDataReceived += (_, e) => Keep(output, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>Waits until the silo serves every reference Kraken book synced, with the rebuild's best bid and ask.</summary>
    private static async Task UntilKrakenBooksMatchAsync(HttpClient http, Uri api, IEnumerable<KeyValuePair<string, ReferenceKrakenBooks.Book>> reference, CancellationToken cancellationToken)
    {
        foreach (var (symbol, expected) in reference)
        {
            var address = new Uri(api, $"/api/v1/books/kraken/{Uri.EscapeDataString(symbol)}?depth=1");
            var served = await Poll.UntilAsync(
                async () => JsonDocument.Parse(await http.GetStringAsync(address, cancellationToken)),
                b => b.RootElement.GetProperty("syncState").GetString() == "synced" && Best(b, "bids") == expected.Bids.First().Key && Best(b, "asks") == expected.Asks.First().Key,
                b => $"{symbol}: {b.RootElement}",
                cancellationToken);
            served.Dispose();
        }
    }

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static async Task<bool> Answers(HttpClient http, Uri address)
    {
        try
        {
            using var response = await http.GetAsync(address);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<SimulatorListing> Listing(HttpClient http, Uri simulator, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync(new Uri(simulator, SimulatorListing.Path), SimulatorListingJson.Default.SimulatorListing, cancellationToken))!;

    private static decimal? Best(JsonDocument book, string side) =>
        book.RootElement.GetProperty(side).EnumerateArray().Select(l => decimal.Parse(l[0].GetString()!, CultureInfo.InvariantCulture)).Cast<decimal?>().FirstOrDefault();

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
