using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansFeed.EndToEnd.Tests.Security;

/// <summary>
/// Verifies the silo's safe default and its refusals: with no authentication the API listens on loopback only; a public
/// bind without authentication stops the silo before anything listens, and <c>run --bind 0.0.0.0</c> exits with one
/// clear line; with an API key file the whole silo (REST and <c>/metrics</c>) answers 401 without a key, 200 with one, and keeps
/// health open.
/// </summary>
public sealed class SiloSecurityTests
{
    [Fact]
    public async Task SiloStart_NoAuthentication_ListensOnLoopbackOnly()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var silo = await SimulatedSilo.StartConfiguredAsync([], cts.Token);

        var address = new Uri(silo.Silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        IPAddress.Parse(address.Host).Should().Be(IPAddress.Loopback);
        using var http = new HttpClient { BaseAddress = address };
        (await http.GetAsync(new Uri("/api/v1/instruments", UriKind.Relative), cts.Token)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SiloStart_PublicBindWithoutAuthentication_RefusedBeforeListening()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var start = () => SimulatedSilo.StartConfiguredAsync(Settings(("Security:Bind", "0.0.0.0")), cts.Token);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Refusing to serve 0.0.0.0 without authentication");
    }

    [Fact]
    public async Task RunCommand_PublicBindWithoutAuthentication_ExitsWithOneLine()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var dir = Directory.CreateTempSubdirectory("orleansfeed-cli-");
        var config = Path.Combine(dir.FullName, "appsettings.json");
        await File.WriteAllTextAsync(config, """{"Logging":{"LogLevel":{"Default":"Warning"}}}""", cts.Token);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "orleansfeed.dll"), "run", "--config", config, "--port", "0", "--bind", "0.0.0.0" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);

            process.ExitCode.Should().Be(1, "stdout: {0}", await stdout);
            var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain("Refusing to serve 0.0.0.0 without authentication");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SiloWithApiKeys_RestNeedsKey_HealthOpen()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var dir = Directory.CreateTempSubdirectory("orleansfeed-keys-");
        var keys = Path.Combine(dir.FullName, "keys.txt");
        await File.WriteAllTextAsync(keys, "ops:e2e-key-0123456789\n", cts.Token);
        await using var silo = await SimulatedSilo.StartConfiguredAsync(Settings(("Security:ApiKeysFile", keys)), cts.Token);
        var address = silo.Api;
        using var http = new HttpClient { BaseAddress = address };
        using var withKey = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/instruments", UriKind.Relative));
        withKey.Headers.Add("X-API-Key", "e2e-key-0123456789");

        var without = await http.GetAsync(new Uri("/api/v1/instruments", UriKind.Relative), cts.Token);
        var with = await http.SendAsync(withKey, cts.Token);
        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative), cts.Token);
        using var metricsWithKey = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        metricsWithKey.Headers.Add("X-API-Key", "e2e-key-0123456789");
        var metricsWithout = await http.GetAsync(new Uri("/metrics", UriKind.Relative), cts.Token);
        var metricsWith = await http.SendAsync(metricsWithKey, cts.Token);

        without.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        with.StatusCode.Should().Be(HttpStatusCode.OK);
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        metricsWithout.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the Prometheus endpoint is protected like the API");
        metricsWith.StatusCode.Should().Be(HttpStatusCode.OK);
        (await metricsWith.Content.ReadAsStringAsync(cts.Token)).Should().Contain("# TYPE ");
        dir.Delete(recursive: true);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) =>
        extra.ToDictionary(e => e.Key, e => e.Value);
}
