namespace OrleansFeed.Runtime.Activation;

/// <summary>Lifecycle of one activation; changed only while holding its turn gate.</summary>
internal enum ActivationState
{
    /// <summary>In the catalog, grain instance not created yet; the first turn activates it.</summary>
    Created,

    /// <summary>OnActivateAsync completed; turns run.</summary>
    Active,

    /// <summary>OnDeactivateAsync is running.</summary>
    Deactivating,

    /// <summary>Gone; queued calls retry on a fresh activation, queued timer and stream turns are skipped.</summary>
    Deactivated,
}
