using System.Diagnostics;
using System.Net.Sockets;
using OrleansFeed.TestKit.Ports;
using Xunit;

namespace OrleansFeed.TestKit.Nats;

/// <summary>
/// xunit collection fixture: a real <c>nats-server</c> with JetStream (<c>-js -sd &lt;temp dir&gt;</c>) on a free
/// loopback port. <see cref="StopAsync"/> / <see cref="RestartAsync"/> keep the same port and store, for reconnect tests.
/// A missing binary makes <see cref="SkipReason"/> non-null locally and throws when <c>CI=true</c>.
/// </summary>
public sealed class NatsServerFixture : IAsyncLifetime
{
    /// <summary>Default binary location of the Debian package.</summary>
    public const string DefaultBinary = "/usr/sbin/nats-server";

    private readonly string[] _extraArgs;
    private Process? _process;
    private int _nextId;

    /// <summary>A server with JetStream and no auth.</summary>
    public NatsServerFixture()
        : this([])
    {
    }

    private NatsServerFixture(string[] extraArgs) => _extraArgs = extraArgs;

    /// <summary>
    /// A private server with extra arguments (e.g. <c>--user u --pass p</c>) for one test; call
    /// <see cref="InitializeAsync"/> and dispose it yourself. (xunit fixtures may have one public constructor.)
    /// </summary>
    /// <param name="extraArgs">Appended to the command line.</param>
    /// <returns>A fixture not yet started.</returns>
    public static NatsServerFixture WithArgs(params string[] extraArgs) => new(extraArgs);

    /// <summary>A private server requiring <paramref name="user"/>/<paramref name="password"/> (<c>--user</c>/<c>--pass</c>), plus <paramref name="extraArgs"/>.</summary>
    public static NatsServerFixture WithUserPassword(string user, string password, params string[] extraArgs) =>
        new(["--user", user, "--pass", password, .. extraArgs]);

    /// <summary>Arguments that make the server require TLS with the given PEM certificate and key (<c>--tls --tlscert --tlskey</c>).</summary>
    public static string[] TlsArgs(string certificateFile, string keyFile) => ["--tls", "--tlscert", certificateFile, "--tlskey", keyFile];

    /// <summary>The binary used: env <c>NATS_SERVER_BIN</c>, else <see cref="DefaultBinary"/>, else <c>nats-server</c> on PATH.</summary>
    public string Binary { get; } = ResolveBinary();

    /// <summary>Loopback port, fixed for the fixture's lifetime.</summary>
    public int Port { get; } = FreePort.Next();

    /// <summary><c>nats://127.0.0.1:{Port}</c>.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>JetStream store directory (deleted on dispose).</summary>
    public string StoreDir { get; } = Path.Combine(Path.GetTempPath(), "of-nats-" + Guid.NewGuid().ToString("N"));

    /// <summary>Why tests must skip (binary missing, not in CI), or null when the server runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>A process-unique number for test subjects and stream names.</summary>
    /// <returns>1, 2, 3...</returns>
    public int NextId() => Interlocked.Increment(ref _nextId);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            SkipReason = $"nats-server not found at {Binary}; install with: apt-get install -y nats-server";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but " + SkipReason);
            }

            return;
        }

        Directory.CreateDirectory(StoreDir);
        await StartAsync();
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it accepts TCP.</summary>
    /// <returns>Completes when the port accepts connections.</returns>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", StoreDir }.Concat(_extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
                return;
            }
            catch (SocketException) when (!timeout.IsCancellationRequested && !_process.HasExited)
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"nats-server did not listen on port {Port}: exited={_process.HasExited}", ex);
            }
        }
    }

    /// <summary>Kills the server and waits for it to exit; the port and store stay reserved for <see cref="StartAsync"/>.</summary>
    /// <returns>Completes when the process has exited.</returns>
    public async Task StopAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
    }

    /// <summary>Stops and starts the server on the same port.</summary>
    /// <returns>Completes when the restarted server listens.</returns>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(StoreDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ResolveBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NATS_SERVER_BIN");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        if (File.Exists(DefaultBinary))
        {
            return DefaultBinary;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "nats-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return DefaultBinary;
    }
}
