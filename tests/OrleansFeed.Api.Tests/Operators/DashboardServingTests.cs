using System.Net;

namespace OrleansFeed.Api.Tests.Operators;

/// <summary>Verifies the dashboard's files are served at / and /dashboard/ with their content types (the browser test drives them).</summary>
public sealed class DashboardServingTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData("/", "text/html", "id=\"ladder\"")]
    [InlineData("/dashboard/dashboard.js", "text/javascript", "Feed.create")]
    [InlineData("/dashboard/feed.js", "text/javascript", "new WebSocket")]
    [InlineData("/dashboard/decimal.js", "text/javascript", "compare")]
    [InlineData("/dashboard/dashboard.css", "text/css", ".ladder")]
    public async Task Get_DashboardFile_IsServedWithItsType(string path, string type, string marker)
    {
        var response = await _host.Http.GetAsync(new Uri(path, UriKind.Relative), _timeout.Token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(type);
        (await response.Content.ReadAsStringAsync(_timeout.Token)).Should().Contain(marker);
    }

    [Fact]
    public async Task Dashboard_ReferencesOnlyThePublicApi()
    {
        var scripts = string.Concat(await Task.WhenAll(
            new[] { "/dashboard/dashboard.js", "/dashboard/feed.js" }.Select(p => _host.Http.GetStringAsync(new Uri(p, UriKind.Relative), _timeout.Token))));

        var urls = System.Text.RegularExpressions.Regex.Matches(scripts, @"'(/[a-z][a-z0-9/]*)").Select(m => m.Groups[1].Value).Distinct().ToList();
        urls.Should().NotBeEmpty().And.OnlyContain(u => u.StartsWith("/api/v1/", StringComparison.Ordinal) || u == "/ws");
    }
}
