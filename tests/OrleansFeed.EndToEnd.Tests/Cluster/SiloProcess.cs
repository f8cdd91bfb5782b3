using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OrleansFeed.TestKit.Ports;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary>
/// One <c>orleansfeed run --cluster</c> process started from the built executable beside the tests (as the CLI tests
/// do), on free API, silo and gateway ports; its output is kept for the test log. Disposing kills it.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string name, Process process, int apiPort)
    {
        Name = name;
        _process = process;
        Api = new Uri($"http://127.0.0.1:{apiPort}");
    }

    /// <summary>Test-side name (<c>silo-1</c>…).</summary>
    public string Name { get; }

    /// <summary>Base address of its REST API.</summary>
    public Uri Api { get; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>run --port P --cluster R --silo-port N --gateway-port M</c> plus <paramref name="settings"/> as <c>--Section:Key=value</c>.</summary>
    public static SiloProcess Start(string name, string redis, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var apiPort = FreePort.Next();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "orleansfeed.dll"));
        foreach (var arg in new[] { "run", "--port", Text(apiPort), "--cluster", redis, "--silo-port", Text(FreePort.Next()), "--gateway-port", Text(FreePort.Next()) })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("orleansfeed did not start.");
        var silo = new SiloProcess(name, process, apiPort);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>The last lines it printed (for a failing test's log).</summary>
    public string Tail(int lines = 40) => string.Join(Environment.NewLine, _output.TakeLast(lines).Select(l => $"[{Name}] {l}"));

    /// <summary>SIGTERM (<c>kill -TERM</c>): the silo's graceful shutdown, handing its connectors over; waits for the exit.</summary>
    /// <param name="timeout">Longest wait for the process to exit.</param>
    /// <returns>True when it exited in time.</returns>
    public bool Terminate(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit(timeout);
        }

        return _process.WaitForExit(timeout);
    }

    /// <summary><c>kill -9</c>: no shutdown, no hand-over.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                KillHard();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
