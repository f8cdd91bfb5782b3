using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using OrleansFeed.Api.Hosting;
using OrleansFeed.Api.Security.Hosting;
using OrleansFeed.Api.Tests.Fakes;
using OrleansFeed.Api.WebSockets;
using OrleansFeed.Core.Instruments;
using OrleansFeed.Core.Numerics;
using OrleansFeed.Grains.Instruments;
using Orleans;
using OrleansFeed.Grains.FanOut;

namespace OrleansFeed.Api.Tests;

/// <summary>The API on loopback Kestrel (port 0) over fake grains: binance BTCUSDT (with levels) and ETHUSDT (empty).</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, InstrumentCatalog catalog, FakeOrderBookGrain btc, FakeOrderBookGrain eth, FakeStreamProvider streams, Uri address, FakeAggregatorGrain btcAggregate)
    {
        BtcAggregate = btcAggregate;
        _app = app;
        Catalog = catalog;
        Btc = btc;
        Eth = eth;
        Streams = streams;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The served instruments; an instrument added here without a grain makes the grain factory throw.</summary>
    public InstrumentCatalog Catalog { get; }

    public FakeOrderBookGrain Btc { get; }

    public FakeOrderBookGrain Eth { get; }

    /// <summary>The aggregator of BTC-USDT (ETH-USDT has none: its grain calls fail).</summary>
    public FakeAggregatorGrain BtcAggregate { get; }

    public FakeStreamProvider Streams { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public Uri WebSocketUri => new($"{(Address.Scheme == "https" ? "wss" : "ws")}://{Address.Authority}/ws");

    public WebSocketSessionRegistry Sessions => _app.Services.GetRequiredService<WebSocketSessionRegistry>();

    public static Instrument BtcInstrument { get; } = new(
        "binance", "BTCUSDT", "BTC-USDT", InstrumentKind.Spot, "BTC", "USDT", FixedDecimal.Parse("0.01"), FixedDecimal.Parse("0.00001"), InstrumentStatus.Trading);

    public static Instrument KrakenInstrument { get; } = new(
        "kraken", "XBT/USD", "BTC-USD", InstrumentKind.Spot, "BTC", "USD", FixedDecimal.Parse("0.1"), FixedDecimal.Parse("0.00000001"), InstrumentStatus.Trading);

    public static Instrument EthInstrument { get; } = new(
        "binance", "ETHUSDT", "ETH-USDT", InstrumentKind.Spot, "ETH", "USDT", FixedDecimal.Parse("0.01"), FixedDecimal.Parse("0.0001"), InstrumentStatus.Halted);

    /// <summary>Starts the host; with <paramref name="security"/> (<c>Security:*</c> settings) the API's security is registered as in the silo.</summary>
    public static async Task<ApiHost> StartAsync(Action<ApiOptions>? configure = null, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? security = null)
    {
        var streams = new FakeStreamProvider();
        var grains = new FakeGrainFactory();
        var catalog = new InstrumentCatalog();
        catalog.AddOrUpdate(BtcInstrument);
        catalog.AddOrUpdate(EthInstrument);
        var btc = new FakeOrderBookGrain(BtcInstrument, streams);
        var eth = new FakeOrderBookGrain(EthInstrument, streams);
        grains.Add("binance:BTCUSDT", btc);
        grains.Add("binance:ETHUSDT", eth);
        // A symbol with a slash (Kraken): REST paths carry it through a catch-all segment.
        catalog.AddOrUpdate(KrakenInstrument);
        grains.Add("kraken:XBT/USD", new FakeOrderBookGrain(KrakenInstrument, streams));
        var btcAggregate = new FakeAggregatorGrain("BTC-USDT", streams);
        grains.AddAggregator("BTC-USDT", btcAggregate);
        await btc.ApplyAsync(
            FakeOrderBookGrain.Bid("100.10", "1.5"), FakeOrderBookGrain.Bid("100.00", "2.000"), FakeOrderBookGrain.Bid("99.5", "0.001"),
            FakeOrderBookGrain.Ask("100.20", "0.5"), FakeOrderBookGrain.Ask("100.3", "3"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IGrainFactory>(grains);
        builder.Services.AddSingleton<IStreamProvider>(streams);
        builder.Services.AddSingleton<IInstrumentCatalog>(catalog);
        builder.Services.AddOrleansFeedApi(o =>
        {
            o.WebSocket.HeartbeatInterval = TimeSpan.FromMinutes(1);
            configure?.Invoke(o);
        });
        builder.Services.AddHealthChecks().AddOrleansFeedBooksSynced();
        if (security is not null)
        {
            builder.Configuration.AddInMemoryCollection(security);
            builder.Services.AddOrleansFeedSecurity(port: 0);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        try
        {
            if (security is not null)
            {
                app.UseOrleansFeedSecurity();
            }

            app.MapOrleansFeedApi();
            app.MapOrleansFeedHealth();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, catalog, btc, eth, streams, new Uri(address), btcAggregate);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
