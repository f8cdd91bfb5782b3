using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrleansFeed.TestKit.Captures;

namespace OrleansFeed.EndToEnd.Tests.Diagnostics;

/// <summary>
/// Runs the real <c>orleansfeed</c> executable (copied beside the tests) with user mistakes: each prints one
/// <c>error:</c> line on stderr, no stack trace, and exits 1; a taken port is found before the simulator starts.
/// </summary>
public sealed class CliErrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Run_MissingCapture_PrintsOneLineAndExits1()
    {
        var result = await RunAsync(["run", "--port", "0", "--simulate", "/nonexistent/capture.ws.txt.gz"]);

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().ContainSingle().Which.Should().Be("error: Capture input '/nonexistent/capture.ws.txt.gz' does not exist.");
        result.StdOut.Should().NotContain(l => l.Contains("Unhandled", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_PortInUse_FailsBeforeTheSimulatorOrAnyConnectorStarts()
    {
        using var holder = new TcpListener(IPAddress.Any, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var result = await RunAsync(["run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--simulate", SharedData.PathOf("kraken")]);

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().ContainSingle().Which.Should().StartWith($"error: port {port} is already in use");
        result.StdOut.Should().NotContain(l => l.StartsWith("Simulator serving", StringComparison.Ordinal), "the port is checked before anything starts");
    }

    [Fact]
    public async Task Run_SettingOutOfRange_PrintsTheKeyInOneLine()
    {
        var result = await RunAsync(["run", "--port", "0", "--simulate", SharedData.PathOf("kraken")], ("ORLEANSFEED_Api__MaxDepth", "0"));

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().ContainSingle().Which.Should().StartWith("error: invalid configuration: Api:MaxDepth must be in 1..5000 (was 0).");
    }

    [Fact]
    public async Task Run_SimulatorUnreachable_PrintsOneLineAndExits1()
    {
        // A port that was free a moment ago and that nothing listens on.
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        holder.Stop();

        var result = await RunAsync(["run", "--port", "0", "--simulator", $"http://127.0.0.1:{port}"]);

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().ContainSingle().Which.Should().StartWith($"error: the simulator at http://127.0.0.1:{port}/ is unreachable");
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("run")]
    public async Task NegativeSpeed_PrintsOneLineAndExits1(string command)
    {
        var result = await RunAsync([command, ..(command == "run" ? new[] { "--port", "0", "--simulate" } : []), SharedData.PathOf("kraken"), "--speed", "-0.5"]);

        result.ExitCode.Should().Be(1);
        result.StdErr.Should().ContainSingle().Which.Should().StartWith("error: --speed -0.5 is not a playback pace");
    }

    private static async Task<(int ExitCode, List<string> StdOut, List<string> StdErr)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orleansfeed.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return (process.ExitCode, Lines(await stdout), Lines(await stderr));
    }
}
