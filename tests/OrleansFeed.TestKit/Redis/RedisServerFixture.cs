using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OrleansFeed.TestKit.Ports;
using Xunit;

namespace OrleansFeed.TestKit.Redis;

/// <summary>
/// Runs a real <c>redis-server</c> on a free loopback port, without persistence, for integration tests; can
/// <see cref="StopAsync"/> and <see cref="RestartAsync"/> it on the same port to simulate an outage.
/// Use with <see cref="RedisFactAttribute"/>: a missing binary skips locally and fails when <c>CI=true</c>.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static int s_prefixCounter;
    private readonly string[] _extraArgs;
    private readonly string _logFile = Path.Combine(Path.GetTempPath(), $"orleansfeed-redis-{Guid.NewGuid():N}.log");
    private Process? _process;

    /// <summary>A server without authentication (the collection fixture).</summary>
    public RedisServerFixture()
        : this(null)
    {
    }

    private RedisServerFixture(string? password, string? certificateFile = null, string? keyFile = null)
    {
        Password = password;
        var args = new List<string>();
        if (password is not null)
        {
            args.AddRange(["--requirepass", password]);
        }

        if (certificateFile is not null)
        {
            TlsPort = FreePort.Next();
            args.AddRange(["--tls-port", TlsPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tls-cert-file", certificateFile, "--tls-key-file", keyFile!, "--tls-auth-clients", "no"]);
        }

        _extraArgs = [.. args];
    }

    /// <summary>The TLS port (beside the plain <see cref="Port"/>, which the readiness PING uses), or null without TLS.</summary>
    public int? TlsPort { get; }

    /// <summary>
    /// A private server with <c>--requirepass</c> that also serves TLS on <see cref="TlsPort"/> with the given PEM
    /// certificate and key (clients are not asked for certificates).
    /// </summary>
    public static RedisServerFixture WithTls(string password, string certificateFile, string keyFile) => new(password, certificateFile, keyFile);

    /// <summary>The <c>requirepass</c> password, or null when the server needs none.</summary>
    public string? Password { get; }

    /// <summary>
    /// A private server started with <c>--requirepass</c>: clients must AUTH first. Call <see cref="InitializeAsync"/>
    /// and dispose it yourself (xunit fixtures may have one public constructor).
    /// </summary>
    public static RedisServerFixture WithPassword(string password) => new(password);

    /// <summary>The port the server listens on (fixed for the fixture's lifetime, across restarts).</summary>
    public int Port { get; } = FreePort.Next();

    /// <summary>SE.Redis configuration string for the server, <c>127.0.0.1:{port}</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>A key prefix unique to this call (one per test), so tests sharing a server never see each other's keys.</summary>
    public static string UniquePrefix(string testName) =>
        $"t{Interlocked.Increment(ref s_prefixCounter)}-{(testName.Length > 32 ? testName[..32] : testName)}-{Guid.NewGuid():N}";

    /// <inheritdoc/>
    /// <remarks>With no binary outside CI the tests are skipped by <see cref="RedisFactAttribute"/>; start nothing.</remarks>
    public Task InitializeAsync() =>
        RedisServerBinary.Find() is null && !RedisServerBinary.IsCi ? Task.CompletedTask : StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await StopAsync();
        File.Delete(_logFile);
    }

    /// <summary>Starts the server and waits until it answers PING; throws with the server log if it does not within 10 s.</summary>
    public async Task StartAsync()
    {
        var binary = RedisServerBinary.Find()
            ?? throw new InvalidOperationException("redis-server not found on PATH; install with: apt-get install -y redis-server redis-tools");
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--logfile", _logFile }.Concat(_extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await PingAsync(timeout.Token))
        {
            if (_process.HasExited || timeout.IsCancellationRequested)
            {
                var log = File.Exists(_logFile) ? await File.ReadAllTextAsync(_logFile) : "(no log)";
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 10 s (exited={_process.HasExited}). Log:\n{log}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Kills the server (no graceful shutdown: an outage) and waits for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Stops the server if running and starts it again on the same port (empty: no persistence).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            var ping = Password is null ? "PING\r\n" : $"AUTH {Password}\r\nPING\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(ping), cancellationToken);
            // "+PONG", or "+OK" (AUTH) then "+PONG", possibly in separate reads.
            var buffer = new byte[64];
            var text = string.Empty;
            for (var reads = 0; reads < 2 && !text.Contains("+PONG", StringComparison.Ordinal) && !text.StartsWith('-'); reads++)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken);
                text += Encoding.ASCII.GetString(buffer, 0, read);
            }

            return text.Contains("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
