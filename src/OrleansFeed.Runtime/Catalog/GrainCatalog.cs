using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansFeed.Runtime.Activation;
using OrleansFeed.Runtime.Hosting;
using OrleansFeed.Runtime.Internal;
using OrleansFeed.Runtime.Streams;

namespace OrleansFeed.Runtime.Catalog;

/// <summary>
/// The silo's table of activations, as Orleans' <c>Catalog</c>: finds or creates the activation for a grain id,
/// routes calls into its turns, and removes idle or stopping activations.
/// </summary>
internal sealed class GrainCatalog : IGrainCatalog, IDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly IOptions<GrainRuntimeOptions> _options;

    public GrainCatalog(
        IServiceProvider services,
        GrainTypeMap typeMap,
        TimeProvider timeProvider,
        IStreamProvider streamProvider,
        IOptions<GrainRuntimeOptions> options,
        ILogger<GrainCatalog> logger)
    {
        Services = services;
        TimeProvider = timeProvider;
        StreamProvider = streamProvider;
        Logger = logger;
        // Read lazily: validation belongs to the hosted service's start, not to resolving the catalog.
        _options = options;
        Factory = new GrainFactory(this, typeMap);
    }

    public int ActivationCount => _activations.Count;

    internal IServiceProvider Services { get; }

    internal TimeProvider TimeProvider { get; }

    internal IStreamProvider StreamProvider { get; }

    internal ILogger Logger { get; }

    internal GrainFactory Factory { get; }

    /// <summary>Cancelled when the silo starts stopping; given to OnActivateAsync.</summary>
    internal CancellationToken StoppingToken => _stopping.Token;

    public IReadOnlyList<GrainId> GetActiveGrainIds() => [.. _activations.Keys];

    /// <summary>Runs one grain call in the grain's activation, creating it on first use.</summary>
    /// <exception cref="Exception">Whatever the grain's OnActivateAsync or method throws, unchanged.</exception>
    internal async Task<TResult> InvokeAsync<TResult>(GrainId grainId, Type grainClass, GrainMethodInvoker<TResult> invoker, object?[] args)
    {
        while (true)
        {
            var activation = GetOrCreate(grainId, grainClass);
            var outcome = await activation.RunTurnAsync(
                static (grain, state) => state.invoker.InvokeOnGrain(grain, state.args),
                (invoker, args),
                TurnKind.Call).ConfigureAwait(false);
            if (outcome.Ran)
            {
                return outcome.Result;
            }

            // The activation was deactivated while this call was queued: go again, to a fresh activation.
        }
    }

    /// <summary>One collector pass: deactivates every activation idle for longer than the collection age.</summary>
    /// <returns>How many were deactivated.</returns>
    internal async Task<int> CollectIdleAsync(CancellationToken cancellationToken)
    {
        var cutoff = TimeProvider.GetUtcNow() - _options.Value.CollectionAge;
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.IsIdle(cutoff) && await activation.TryDeactivateIdleAsync(cutoff, cancellationToken).ConfigureAwait(false))
            {
                collected++;
            }
        }

        if (collected > 0)
        {
            RuntimeLog.IdleActivationsCollected(Logger, collected, _activations.Count);
        }

        return collected;
    }

    /// <summary>Silo stop: deactivates all activations in parallel, each after its current turn.</summary>
    internal async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        var activations = _activations.Values.ToArray();
        RuntimeLog.RuntimeStopping(Logger, activations.Length);
        var deactivations = new Task[activations.Length];
        for (var i = 0; i < activations.Length; i++)
        {
            deactivations[i] = activations[i].DeactivateAsync(DeactivationReason.SiloStopping, cancellationToken);
        }

        try
        {
            await Task.WhenAll(deactivations).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Out of time: turns still running keep their activations; the process is going away anyway.
        }
    }

    internal bool TryGetActivation(GrainId grainId, out GrainActivation activation) =>
        _activations.TryGetValue(grainId, out activation!);

    internal void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    public void Dispose() => _stopping.Dispose();

    // GetOrAdd may build a spare activation under a race; only the stored one is ever used, and an unused
    // activation holds nothing (the grain instance is created in its first turn).
    private GrainActivation GetOrCreate(GrainId grainId, Type grainClass) =>
        _activations.GetOrAdd(grainId, static (id, state) => new GrainActivation(state.catalog, id, state.grainClass), (catalog: this, grainClass));
}
