using System.Text.Json;
using OrleansFeed.Exchanges.Common.Venues;

namespace OrleansFeed.Exchanges.Tests.Configuration;

/// <summary>Verifies every venue's connection plan for 500 symbols against its documented per-connection caps, subscribe-message rate and connection rate (shared/docs/exchange-protocols.md).</summary>
public class SubscriptionBudgetTests
{
    private const int SymbolCount = 500;

    public static TheoryData<string, int, int, int> Venues => new()
    {
        // venue, expected connections, most symbols on one connection, subscribe-message interval (ms)
        { "binance", 2, 341, 200 },          // 1024 streams, 3 per symbol; 5 messages/s
        { "binance-futures", 2, 500, 100 },  // split routes: /public 2 streams per symbol (512), /market 1; 10 messages/s
        { "kucoin", 5, 100, 100 },           // 300 symbol-topics, 3 per symbol; 100 messages per 10 s
        { "kraken", 1, 500, 250 },           // 1024 channels, 2 per pair; dynamic rate
        { "coinbase", 2, 341, 250 },         // 1024 channels, 3 per product; 8 messages/s per IP shared by 2 connections
        { "okx", 18, 29, 7500 },             // under 30 deep-book channels; 480 requests per hour
        { "bybit", 2, 0, 50 },               // 21,000 args characters (checked below); no documented message rate
        { "bitfinex", 63, 8, 0 },            // 25 channels, 3 per symbol; no documented message rate: back to back, as the recorded session
    };

    [Theory]
    [MemberData(nameof(Venues))]
    public void PlanConnections_500Symbols_ShardedWithinCapsAndPaced(string venue, int connections, int perConnection, int intervalMs)
    {
        AllVenues.Registry().TryGet(venue, out var protocol).Should().BeTrue();
        var options = new VenueOptions { Symbols = [.. Enumerable.Range(0, SymbolCount).Select(i => SymbolOf(venue, i))] };

        var plans = ((IVenueConnectivity)protocol).PlanConnections(options);

        plans.Should().HaveCount(connections);
        plans.Should().OnlyContain(p => p.SubscribeMessageInterval == TimeSpan.FromMilliseconds(intervalMs));
        var books = plans.SelectMany(p => p.BookSymbols).ToList();
        books.Should().HaveCount(SymbolCount).And.OnlyHaveUniqueItems();
        if (perConnection > 0)
        {
            plans.Max(p => p.BookSymbols.Count).Should().Be(perConnection);
        }
    }

    [Fact]
    public void Bybit_500Symbols_ArgsTextPerConnectionUnder21000AndTenArgsPerRequest()
    {
        AllVenues.Registry().TryGet("bybit", out var protocol).Should().BeTrue();
        var options = new VenueOptions { Symbols = [.. Enumerable.Range(0, SymbolCount).Select(i => SymbolOf("bybit", i))] };

        var plans = ((IVenueConnectivity)protocol).PlanConnections(options);

        foreach (var plan in plans)
        {
            var args = plan.SubscribeMessages.Select(m => JsonDocument.Parse(m).RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList()).ToList();
            args.Should().OnlyContain(a => a.Count <= 10);
            args.SelectMany(a => a).Sum(a => a.Length).Should().BeLessThanOrEqualTo(21_000);
        }

        plans.Select(p => p.ConnectDelay).Should().Equal(TimeSpan.Zero, TimeSpan.FromMilliseconds(600));
    }

    [Theory]
    [InlineData("bitfinex", 3000)]  // 20 connections per minute on api-pub
    [InlineData("okx", 350)]        // about 3 connection requests per second
    [InlineData("coinbase", 125)]   // 8 per second (conservative reading)
    public void PlanConnections_ManyConnections_StaggeredUnderConnectionRate(string venue, int stepMs)
    {
        AllVenues.Registry().TryGet(venue, out var protocol).Should().BeTrue();
        var options = new VenueOptions { Symbols = [.. Enumerable.Range(0, SymbolCount).Select(i => SymbolOf(venue, i))] };

        var plans = ((IVenueConnectivity)protocol).PlanConnections(options);

        plans.Select(p => p.ConnectDelay).Should().Equal(plans.Select((_, i) => TimeSpan.FromMilliseconds(stepMs * i)));
    }

    [Fact]
    public void Bitfinex_OneConnection_SubscribesNoMoreThan25Channels()
    {
        AllVenues.Registry().TryGet("bitfinex", out var protocol).Should().BeTrue();
        var plans = ((IVenueConnectivity)protocol).PlanConnections(new VenueOptions { Symbols = [.. Enumerable.Range(0, 20).Select(i => SymbolOf("bitfinex", i))] });

        plans.Should().OnlyContain(p => p.SubscribeMessages.Count(m => m.Contains("\"event\":\"subscribe\"", StringComparison.Ordinal)) <= 25);
    }

    private static string SymbolOf(string venue, int i) => venue switch
    {
        "kucoin" or "okx" => $"C{i}-USDT",
        "coinbase" => $"C{i}-USD",
        "kraken" => $"C{i}/USD",
        "bitfinex" => $"tC{i}USD",
        _ => $"C{i}USDT",
    };
}
