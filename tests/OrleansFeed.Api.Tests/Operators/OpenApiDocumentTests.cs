using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansFeed.Api.Tests.Operators;

/// <summary>Verifies /openapi/v1.json describes every mapped endpoint, with parameters, problem responses and examples, and /docs serves the reference.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ApiHost _host = null!;
    private JsonDocument _document = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        var response = await _host.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), _timeout.Token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_timeout.Token));
    }

    public async Task DisposeAsync()
    {
        _document.Dispose();
        await _host.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public void Document_EveryMappedEndpoint_IsDescribed()
    {
        var paths = _document.RootElement.GetProperty("paths");
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

        endpoints.Should().HaveCountGreaterThan(10, "the REST API and the health probes are mapped");
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Part)))).TrimEnd('/');
            paths.TryGetProperty(path.Length == 0 ? "/" : path, out var item).Should().BeTrue($"{endpoint.DisplayName} ({path}) is mapped");
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                item.TryGetProperty(method.ToLowerInvariant(), out _).Should().BeTrue($"{method} {path} is mapped");
            }
        }
    }

    [Fact]
    public void Document_BookEndpoint_HasDescribedParametersWithExamplesAndProblemResponses()
    {
        var get = _document.RootElement.GetProperty("paths").GetProperty("/api/v1/books/{venue}/{symbol}").GetProperty("get");

        var parameters = get.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        parameters.Keys.Should().BeEquivalentTo("venue", "symbol", "depth");
        parameters["depth"].GetProperty("in").GetString().Should().Be("query");
        parameters["depth"].GetProperty("description").GetString().Should().Contain("Levels per side");
        parameters["venue"].GetProperty("example").GetString().Should().Be("binance");
        var responses = get.GetProperty("responses");
        responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().EndWith("BookSnapshotDto");
        foreach (var status in new[] { "400", "404", "503" })
        {
            var problem = responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json");
            problem.GetProperty("example").GetProperty("status").GetInt32().Should().Be(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Document_EveryOperation_HasSummaryAndDescription()
    {
        foreach (var path in _document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operation.Value.TryGetProperty("summary", out var summary).Should().BeTrue($"{operation.Name} {path.Name} needs a summary (OperationDocs)");
                summary.GetString().Should().NotBeNullOrWhiteSpace();
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/instruments", "/api/v1/instruments")]
    [InlineData("/api/v1/books/{venue}/{symbol}", "/api/v1/books/binance/BTCUSDT?depth=2")]
    [InlineData("/api/v1/trades/{venue}/{symbol}", "/api/v1/trades/binance/BTCUSDT")]
    public async Task Document_Example_HasTheFieldsOfTheRealResponse(string path, string request)
    {
        var example = _document.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        await _host.Btc.AddTradeAsync(1, "100.15", "0.250", OrleansFeed.Core.Trades.AggressorSide.Buy);
        using var real = JsonDocument.Parse(await _host.Http.GetStringAsync(new Uri(request, UriKind.Relative), _timeout.Token));

        Fields(example).Should().BeEquivalentTo(Fields(real.RootElement));
    }

    [Fact]
    public void Document_InstrumentsEndpoint_HasNoParameterProblems()
    {
        var responses = _document.RootElement.GetProperty("paths").GetProperty("/api/v1/instruments").GetProperty("get").GetProperty("responses");

        responses.TryGetProperty("400", out _).Should().BeFalse("it takes no query parameter");
        responses.TryGetProperty("404", out _).Should().BeFalse("it has no route parameter");
        responses.TryGetProperty("200", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Docs_ServesTheInteractiveReferenceOverTheDocument()
    {
        var response = await _host.Http.GetAsync(new Uri("/docs", UriKind.Relative), _timeout.Token);
        if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect)
        {
            response = await _host.Http.GetAsync(response.Headers.Location!, _timeout.Token);
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync(_timeout.Token)).Should().Contain("\"url\":\"openapi/v1.json\"");
        var script = await _host.Http.GetAsync(new Uri("/docs/scalar.js", UriKind.Relative), _timeout.Token);
        script.StatusCode.Should().Be(HttpStatusCode.OK, "the reference's script ships in the package, no CDN");
    }

    /// <summary>Property names, nested ones as "parent.child", of an object or of the first element of an array.</summary>
    private static IEnumerable<string> Fields(JsonElement element, string prefix = "") => element.ValueKind switch
    {
        JsonValueKind.Array when element.GetArrayLength() > 0 && element[0].ValueKind == JsonValueKind.Object => Fields(element[0], prefix),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => new[] { prefix + p.Name }.Concat(Fields(p.Value, prefix + p.Name + "."))),
        _ => [],
    };

    private static string Part(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
        _ => string.Empty,
    };
}
