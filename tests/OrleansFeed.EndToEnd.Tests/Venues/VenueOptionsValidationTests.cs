using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OrleansFeed.Silo.Hosting;

namespace OrleansFeed.EndToEnd.Tests.Venues;

/// <summary>A silo refuses to start on venue options its adapters reject; the message names each section and key.</summary>
public class VenueOptionsValidationTests
{
    [Fact]
    public async Task SiloStart_InvalidVenueChannelAndDepths_FailsNamingEachKey()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var settings = new Dictionary<string, string?>
        {
            ["Feed:Venues:okx:Symbols:0"] = "BTC-USDT",
            ["Feed:Venues:okx:BookChannel"] = "books5",
            ["Feed:Venues:bybit:Symbols:0"] = "BTCUSDT",
            ["Feed:Venues:bybit:DepthLimit"] = "500",
            ["Feed:Venues:kucoin:Symbols:0"] = "BTC-USDT",
            ["Feed:Venues:kucoin:DepthLimit"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var silo = SiloHost.Build(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), port: 0);

        var start = () => silo.StartAsync(cts.Token);

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message;
        error.Should().Contain("Feed:Venues:okx:BookChannel must be books, books-l2-tbt or books50-l2-tbt (was 'books5').")
            .And.Contain("Feed:Venues:bybit:DepthLimit must be one of 1, 50, 200, 1000")
            .And.Contain("Feed:Venues:kucoin:DepthLimit must be one of 20, 100, 0");
    }
}
