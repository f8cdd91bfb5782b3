using OrleansFeed.Core.Books;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Exchanges.Binance;
using OrleansFeed.Exchanges.Common.Capture;
using OrleansFeed.Exchanges.Common.Sync;
using OrleansFeed.Grains.Abstractions;
using OrleansFeed.Grains.OrderBooks;
using Orleans;
using OrleansFeed.Grains.FanOut;
using OrleansFeed.Silo.Hosting;
using OrleansFeed.Simulator;
using OrleansFeed.TestKit.Captures;
using OrleansFeed.TestKit.Redis;
using OrleansFeed.TestKit.Simulation;

namespace OrleansFeed.Redis.IntegrationTests.TestSupport;

/// <summary>
/// A whole silo (SiloHost, real Kestrel on a free port) with a <c>Redis</c> section pointing at a fixture's
/// redis-server, fed by the exchange simulator replaying one recorded Binance session as fast as possible; plus a
/// separate Redis connection (same key prefix) for the test to read what the silo wrote.
/// </summary>
internal sealed class SiloWithRedis : IAsyncDisposable
{
    public static readonly TimeSpan LastValueTtl = TimeSpan.FromSeconds(30);

    private SiloWithRedis(ExchangeSimulator simulator, WebApplication silo, Uri api, string venue, RedisTestContext redis)
    {
        Simulator = simulator;
        Silo = silo;
        Venue = venue;
        Redis = redis;
        Http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ExchangeSimulator Simulator { get; }

    public WebApplication Silo { get; }

    public HttpClient Http { get; }

    public string Venue { get; }

    /// <summary>The test's own connection and the silo's key prefix.</summary>
    public RedisTestContext Redis { get; }

    public string Prefix => Redis.Options.KeyPrefix;

    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();

    /// <summary>binance_spot 2021-10-12 (BLZETH, LRCBTC, NKNUSDT, RUNEEUR, with trades and bookTicker).</summary>
    public static IReadOnlyList<string> SpotSession() =>
        CaptureFile.GroupSessions([SharedData.PathOf("binance_spot")]).Single(s => Path.GetFileName(s[0]).StartsWith("2021-10-12", StringComparison.Ordinal));

    public static async Task<SiloWithRedis> StartAsync(RedisServerFixture server, string testName, CancellationToken cancellationToken,
        Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? extra = null)
    {
        var files = SpotSession();
        var redis = RedisTestContext.Create(server, testName);
        var simulator = ExchangeSimulator.FromFiles(files, new SimulatorOptions { MaxSendQueue = TestSimulator.MaxSendQueue, PlaybackSpeed = 0 });
        await simulator.StartAsync(cancellationToken);
        var url = files.SelectMany(CaptureFile.Read).First(r => r.Kind == CaptureRecordKind.Open).Source;
        BinanceMarketInfo.TryFromUrl(url, out var market).Should().BeTrue();
        var venue = market.VenueId();
        var settings = new Dictionary<string, string?>
        {
            [$"Feed:Venues:{venue}:WebSocketUrl"] = simulator.WebSocketBaseUri.ToString().TrimEnd('/'),
            [$"Feed:Venues:{venue}:RestUrl"] = simulator.BaseUri.ToString().TrimEnd('/'),
            [$"Feed:Venues:{venue}:DepthLimit"] = "5000",
            [$"Feed:Venues:{venue}:SplitRoutes"] = "false",
            [$"Feed:Venues:{venue}:ReconnectMinDelay"] = "00:00:00.050",
            [$"Feed:Venues:{venue}:ReconnectMaxDelay"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Redis:ConnectionString"] = server.ConnectionString,
            ["Redis:KeyPrefix"] = redis.Options.KeyPrefix,
            ["Redis:ConnectTimeout"] = "00:00:02",
            ["Redis:OperationTimeout"] = "00:00:02",
            ["Redis:LastValueTtl"] = LastValueTtl.ToString(),
            ["Redis:LastValueMinInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var i = 0;
        foreach (var symbol in simulator.SnapshotSymbols)
        {
            settings[$"Feed:Venues:{venue}:Symbols:{i++}"] = symbol;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var silo = SiloHost.Build(configuration, port: 0, configureServices);
        await silo.StartAsync(cancellationToken);
        var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var api = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        await redis.ConnectAsync(cancellationToken);
        return new SiloWithRedis(simulator, silo, api, venue, redis);
    }

    /// <summary>Waits until the simulator played the whole capture and every book is synced.</summary>
    public async Task WaitForPlaybackAndSyncAsync(CancellationToken cancellationToken)
    {
        await Simulator.PlaybackCompleted.WaitAsync(cancellationToken);
        var books = Silo.Services.GetRequiredService<BookDirectory>();
        await Eventually.UntilAsync("all books synced", () => Simulator.SnapshotSymbols.All(s =>
            books.Books.TryGetValue(new(Venue, s), out var status) && status.State == BookSyncState.Synced), cancellationToken);
    }

    public string Key(string kind, string id) => RedisKeys.LastValue(Prefix, kind, id);

    public IOrderBookGrain Book(string symbol) => Grains.GetGrain<IOrderBookGrain>($"{Venue}:{symbol}");

    /// <summary>The REST ticker of a book as JSON.</summary>
    public async Task<JsonNode> RestTickerAsync(string symbol, CancellationToken cancellationToken) =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri($"/api/v1/ticker/{Venue}/{symbol}", UriKind.Relative), cancellationToken))!;

    /// <summary>A REST GET as JSON.</summary>
    public async Task<JsonNode> RestAsync(string path, CancellationToken cancellationToken) =>
        JsonNode.Parse(await Http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken))!;

    /// <summary>A last-value key parsed as JSON, or null when absent.</summary>
    public async Task<JsonNode?> LastValueAsync(string kind, string id, CancellationToken cancellationToken)
    {
        var text = await Redis.GetStringAsync(Key(kind, id), cancellationToken);
        return text is null ? null : JsonNode.Parse(text);
    }

    /// <summary><c>/health/ready</c>: HTTP status, overall status and each check's status by name.</summary>
    public async Task<Readiness> ReadinessAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var checks = body["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        return new Readiness((int)response.StatusCode, body["status"]!.GetValue<string>(), checks);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        await Simulator.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>One readiness answer.</summary>
    public sealed record Readiness(int HttpStatus, string Status, IReadOnlyDictionary<string, string> Checks);
}
