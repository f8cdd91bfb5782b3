using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OrleansFeed.Silo.Cli;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.EndToEnd.Tests.Diagnostics;

/// <summary>
/// A silo whose only venue cannot be reached (a loopback port nobody listens on): readiness and /api/v1/venues say
/// which connection, which host, how many attempts, the last error and the next retry; run's URL lines name the port.
/// </summary>
public sealed class UnreachableVenueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Silo_VenueUnreachable_ReadinessAndVenuesSayWhy()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var deadPort = FreePort.Next();
        await using var silo = await SimulatedSilo.StartConfiguredAsync(UnreachableVenue.Settings(deadPort), cts.Token);
        using var http = new HttpClient { BaseAddress = silo.Api };

        var (status, description) = await Poll.UntilAsync(
            async () =>
            {
                var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cts.Token);
                using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cts.Token));
                return (ready.StatusCode, Description: body.RootElement.GetProperty("checks")[0].GetProperty("description").GetString()!);
            },
            r => r.Description.Contains("2 failed attempt", StringComparison.Ordinal) || r.Description.Contains("3 failed attempt", StringComparison.Ordinal),
            r => $"readiness naming two failed attempts (last: {r.Description})",
            cts.Token);

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        description.Should().Contain("kraken:XBT/USD").And.Contain($"to 127.0.0.1:{deadPort} retrying").And.Contain("last error at").And.Contain("next retry at");

        using var venues = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/venues/kraken", UriKind.Relative), cts.Token));
        var venue = venues.RootElement;
        venue.GetProperty("connectionFailures").GetInt64().Should().BeGreaterThanOrEqualTo(2);
        venue.GetProperty("lastError").GetString().Should().NotBeNullOrEmpty();
        venue.GetProperty("lastErrorTime").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
        var connection = venue.GetProperty("connectionStates")[0];
        connection.GetProperty("host").GetString().Should().Be($"127.0.0.1:{deadPort}");
        connection.GetProperty("state").GetString().Should().Be("retrying");
        connection.GetProperty("failedAttempts").GetInt32().Should().BeGreaterThanOrEqualTo(2);

        // The silo binds loopback by default (docs/security.md): the lines name the address it listens on.
        var served = silo.Silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        ServedUrls.Lines(silo.Silo).Should().Contain(l => l.Contains($"{served}/docs", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("dashboard", StringComparison.Ordinal) && l.EndsWith($"{served}/", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("metrics", StringComparison.Ordinal) && l.Contains($"{served}/metrics", StringComparison.Ordinal));
    }
}
