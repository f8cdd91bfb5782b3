using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Runtime.Catalog;
using OrleansFeed.Runtime.Internal;

namespace OrleansFeed.Runtime.Hosting;

/// <summary>
/// Runs the grain runtime inside the host: validates <see cref="GrainRuntimeOptions"/> at start, runs the idle
/// collector every <see cref="GrainRuntimeOptions.CollectionQuantum"/> (on the registered
/// <see cref="TimeProvider"/>), and on stop deactivates every activation with
/// <see cref="DeactivationReason.SiloStopping"/> within <see cref="GrainRuntimeOptions.DeactivationTimeout"/>.
/// Registered by <c>AddGrainRuntime</c>.
/// </summary>
public sealed class GrainRuntimeHostedService : IHostedService, IDisposable
{
    private readonly GrainCatalog _catalog;
    private readonly IOptions<GrainRuntimeOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private CancellationTokenSource? _stopCollector;
    private Task _collector = Task.CompletedTask;

    internal GrainRuntimeHostedService(GrainCatalog catalog, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider, ILogger<GrainRuntimeHostedService> logger)
    {
        _catalog = catalog;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Validates the options and starts the idle collector.</summary>
    /// <param name="cancellationToken">Not used; start does not wait.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="OptionsValidationException">An option is out of range; the message names <c>Runtime:Key</c>.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = _options.Value;
        _stopCollector = new CancellationTokenSource();
        _collector = RunCollectorAsync(options.CollectionQuantum, _stopCollector.Token);
        RuntimeLog.RuntimeStarted(_logger, options.CollectionAge, options.CollectionQuantum);
        return Task.CompletedTask;
    }

    /// <summary>Stops the collector, then deactivates all activations (each after its current turn).</summary>
    /// <param name="cancellationToken">The host's shutdown token; also cancels OnDeactivateAsync.</param>
    /// <returns>Completes when all activations are deactivated or time ran out.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopCollector is null)
        {
            return; // Never started (start failed validation): nothing to stop.
        }

        await _stopCollector.CancelAsync().ConfigureAwait(false);

        await _collector.ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.Value.DeactivationTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await _catalog.DeactivateAllAsync(linked.Token).ConfigureAwait(false);
    }

    /// <summary>Releases the collector's cancellation source.</summary>
    public void Dispose() => _stopCollector?.Dispose();

    private async Task RunCollectorAsync(TimeSpan quantum, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(quantum, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _catalog.CollectIdleAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    RuntimeLog.CollectorFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
