using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OrleansFeed.Api.Tests.Operators;

/// <summary>Verifies every error response of the server is application/problem+json and never echoes unbounded client text.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
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
    [InlineData("/nothing", 404)]
    [InlineData("/favicon.ico", 404)]
    [InlineData("/dashboard/missing.js", 404)]
    [InlineData("/api/v1/nothing", 404)]
    [InlineData("/%FF%FE", 404)]
    [InlineData("/api/v1/books/binance/%C0%AF", 404)]
    [InlineData("/health/../../etc/passwd", 404)]
    [InlineData("/ws", 400)]
    public async Task Get_ErrorAnywhere_IsProblemJson(string path, int status)
    {
        var (code, type, body) = await RawGetAsync(path);

        code.Should().Be(status);
        type.Should().StartWith("application/problem+json");
        using var doc = JsonDocument.Parse(body);
        doc.RootElement.GetProperty("status").GetInt32().Should().Be(status);
        doc.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Post_ToGetEndpoint_IsProblem()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        var response = await _host.Http.PostAsync(new Uri("/api/v1/instruments", UriKind.Relative), content, _timeout.Token);

        // The catch-all 404 route takes every method, so a wrong method is a 404 problem rather than a bare 405.
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Get_TargetLongerThanLimit_Is414Problem()
    {
        var (code, type, body) = await RawGetAsync("/api/v1/books/binance/" + new string('A', 10_000));

        code.Should().Be(414);
        type.Should().StartWith("application/problem+json");
        body.Should().Contain("at most 8192");
        body.Length.Should().BeLessThan(1000, "the target is never echoed");
    }

    [Theory]
    [InlineData("/api/v1/books/binance/")]
    [InlineData("/api/v1/nbbo/")]
    [InlineData("/somewhere/")]
    public async Task Get_LongUnknownPathOrSymbol_EchoIsTruncated(string prefix)
    {
        var (code, type, body) = await RawGetAsync(prefix + new string('Z', 5_000));

        code.Should().Be(404);
        type.Should().StartWith("application/problem+json");
        body.Should().Contain(new string('Z', 100) + "…").And.NotContain(new string('Z', 200));
    }

    [Fact]
    public async Task Problem_WithApostrophes_IsNotEscaped()
    {
        var (_, _, body) = await RawGetAsync("/api/v1/books/binance/NOPE");

        body.Should().Contain("venue 'binance' and symbol 'NOPE'").And.NotContain("\\u0027");
    }

    /// <summary>A raw HTTP/1.1 request, so the path reaches the server exactly as written (HttpClient would normalize it).</summary>
    private async Task<(int Status, string ContentType, string Body)> RawGetAsync(string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_host.Address.Host, _host.Address.Port, _timeout.Token);
        var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {_host.Address.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), _timeout.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(_timeout.Token);
        var headerEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = response[..headerEnd].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var type = head.FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim() ?? string.Empty;
        var body = response[(headerEnd + 4)..];
        if (head.Any(h => h.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Dechunk(body);
        }

        return (status, type, body);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..lineEnd], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            // Sizes count UTF-8 bytes; the bodies here are short, so decode chunk by chunk through bytes.
            var bytes = Encoding.UTF8.GetBytes(chunked[(lineEnd + 2)..]);
            var chunk = Encoding.UTF8.GetString(bytes, 0, size);
            result.Append(chunk);
            position = lineEnd + 2 + chunk.Length + 2;
        }
    }
}
