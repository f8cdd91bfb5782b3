using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Health;
using OrleansFeed.Redis.Internal;
using StackExchange.Redis;

namespace OrleansFeed.Redis.Connection;

/// <summary>
/// Owns the one StackExchange.Redis <c>ConnectionMultiplexer</c> of the process (a DI singleton) and exposes it as
/// <see cref="IRedisConnection"/>. Grain storage and the last-value writer share it.
/// </summary>
/// <remarks>
/// Ownership: created lazily on first use (or <see cref="EnsureStarted"/>), disposed only by the DI container
/// through <see cref="DisposeAsync"/>; callers never dispose or see the multiplexer. It connects with
/// <c>AbortOnConnectFail=false</c>, so a Redis that is down at start or later does not stop the silo: commands fail
/// fast with <see cref="RedisProviderException"/> (<see cref="RedisFailureKind.ConnectionUnavailable"/>) and the
/// multiplexer reconnects in the background. Connection changes update <see cref="RedisHealth"/> and are logged
/// once per outage episode. Thread-safe.
/// </remarks>
public sealed partial class RedisConnection : IRedisConnection, IAsyncDisposable, IDisposable
{
    private readonly RedisOptions _options;
    private readonly RedisHealth _health;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connectTask;
    private ConnectionMultiplexer? _multiplexer;
    private bool _disposed;

    /// <summary>Creates the (not yet connected) shared connection.</summary>
    /// <param name="options">The <c>Redis</c> options; read once here.</param>
    /// <param name="health">The shared health state this connection keeps up to date.</param>
    /// <param name="logger">The logger.</param>
    public RedisConnection(IOptions<RedisOptions> options, RedisHealth health, ILogger<RedisConnection> logger)
    {
        _options = options.Value;
        _health = health;
        _logger = logger;
    }

    /// <inheritdoc/>
    /// <remarks>Reading it also brings <see cref="RedisHealth"/> up to date, in case an event was missed.</remarks>
    public bool IsConnected
    {
        get
        {
            var multiplexer = Volatile.Read(ref _multiplexer);
            if (multiplexer is null)
            {
                return false;
            }

            var connected = multiplexer.IsConnected;
            if (connected != _health.IsConnected)
            {
                ObserveState(connected, "ConnectionState", connected ? "reconnected" : "not connected");
            }

            return connected;
        }
    }

    /// <inheritdoc/>
    public void EnsureStarted()
    {
        try
        {
            var task = GetMultiplexerAsync();

            // Faults are logged and reflected in RedisHealth by ConnectCoreAsync; observe them here.
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing to start.
        }
    }

    /// <summary>Closes the multiplexer, letting pending commands finish; idempotent.</summary>
    /// <returns>Completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _connectTask;
        }

        if (pending is null)
        {
            return;
        }

        try
        {
            var multiplexer = await pending.ConfigureAwait(false);
            await multiplexer.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
            multiplexer.Dispose();
        }
        catch (Exception)
        {
            // The connect failed; nothing to close.
        }
    }

    /// <summary>Closes the multiplexer without waiting for pending commands; idempotent.</summary>
    public void Dispose()
    {
        Task<ConnectionMultiplexer>? pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _connectTask;
        }

        if (pending is { IsCompletedSuccessfully: true })
        {
            pending.Result.Dispose();
        }
    }

    private Task<ConnectionMultiplexer> GetMultiplexerAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A failed connect (bad config, DNS) is retried on the next use rather than cached forever.
            if (_connectTask is null || _connectTask.IsFaulted || _connectTask.IsCanceled)
            {
                // Task.Run: keep the configuration parsing and secret-file read off the caller's thread.
                _connectTask = Task.Run(ConnectCoreAsync);
            }

            return _connectTask;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectCoreAsync()
    {
        RedisLog.Connecting(_logger, _options);
        var config = ConfigurationOptions.Parse(_options.ConnectionString);
        if (!string.IsNullOrWhiteSpace(_options.PasswordFile))
        {
            config.Password = (await File.ReadAllTextAsync(_options.PasswordFile).ConfigureAwait(false)).Trim();
        }

        if (!string.IsNullOrWhiteSpace(_options.TlsCaFile))
        {
            config.CertificateValidation += RedisTlsTrust.From(_options.TlsCaFile).Validate;
        }

        config.AbortOnConnectFail = false;
        config.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
        config.SyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;

        // We never use pub/sub; without SUBSCRIBE, SE.Redis opens no second (subscription) socket.
        config.CommandMap = CommandMap.Create(new HashSet<string> { "SUBSCRIBE" }, available: false);
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            Volatile.Write(ref _multiplexer, multiplexer);
            var endpoint = RedisConnectionStrings.Redact(_options.ConnectionString);
            if (multiplexer.IsConnected)
            {
                if (_health.TryMarkConnected())
                {
                    RedisLog.Connected(_logger, endpoint);
                }
            }
            else
            {
                _health.TryMarkDisconnected("not reachable at start");
                RedisLog.UnavailableAtStart(_logger, endpoint);
            }

            return multiplexer;
        }
        catch (Exception ex)
        {
            _health.TryMarkDisconnected(ex.Message);
            RedisLog.ConnectFailed(_logger, ex);
            throw;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        ObserveState(false, e.FailureType.ToString(), e.Exception?.Message ?? e.FailureType.ToString());

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        ObserveState(true, e.FailureType.ToString(), "restored");

    private void ObserveState(bool connected, string failureType, string reason)
    {
        if (connected)
        {
            if (_health.TryMarkConnected())
            {
                RedisLog.ConnectionRestored(_logger, RedisConnectionStrings.Redact(_options.ConnectionString));
            }
        }
        else if (_health.TryMarkDisconnected(reason))
        {
            RedisLog.ConnectionLost(_logger, failureType, reason);
        }
    }
}
