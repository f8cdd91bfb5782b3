using System.Net;
using Microsoft.Extensions.Options;
using OrleansFeed.Api.Hosting;

namespace OrleansFeed.Api.Tests;

/// <summary>Verifies /health/live, /health/ready over BooksSyncedHealthCheck, and option validation at start.</summary>
public sealed class HealthTests : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(15));
    private ApiHost? _host;

    private CancellationToken Ct => _timeout.Token;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _timeout.Dispose();
    }

    [Fact]
    public async Task Ready_AllBooksSynced_Returns200()
    {
        _host = await ApiHost.StartAsync();

        var live = await _host.Http.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        var ready = await _host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync(Ct)).Should().Contain("\"status\":\"Healthy\"");
    }

    [Fact]
    public async Task Ready_OneBookStale_Returns503ListingItWhileLiveStays200()
    {
        _host = await ApiHost.StartAsync();
        await _host.Eth.MarkStaleAsync();

        var live = await _host.Http.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        var ready = await _host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await ready.Content.ReadAsStringAsync(Ct);
        body.Should().Contain("binance:ETHUSDT").And.NotContain("binance:BTCUSDT");
    }

    [Theory]
    [InlineData("MaxDepth")]
    [InlineData("WebSocket:SendQueueCapacity")]
    [InlineData("WebSocket:HeartbeatInterval")]
    public async Task Start_InvalidOption_FailsNamingSectionAndKey(string key)
    {
        var act = async () => _host = await ApiHost.StartAsync(o =>
        {
            switch (key)
            {
                case "MaxDepth": o.MaxDepth = 0; break;
                case "WebSocket:SendQueueCapacity": o.WebSocket.SendQueueCapacity = 1; break;
                default: o.WebSocket.HeartbeatInterval = TimeSpan.Zero; break;
            }
        });

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain($"{ApiOptions.SectionName}:{key}");
    }
}
