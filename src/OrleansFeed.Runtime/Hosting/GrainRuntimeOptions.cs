namespace OrleansFeed.Runtime.Hosting;

/// <summary>
/// Settings of the in-process grain runtime, bound from the <c>Runtime</c> configuration section and validated
/// at start by <see cref="GrainRuntimeOptionsValidator"/>. Names and defaults follow Orleans'
/// <c>GrainCollectionOptions</c>. Changes after the host started are not observed.
/// </summary>
/// <seealso href="https://learn.microsoft.com/dotnet/orleans/host/configuration-guide/activation-collection"/>
public sealed class GrainRuntimeOptions
{
    /// <summary>The configuration section these options bind from: <c>Runtime</c>.</summary>
    public const string SectionName = "Runtime";

    /// <summary>
    /// How long an activation may go without a call or stream event before the collector deactivates it.
    /// Default 15 minutes; must be greater than zero and greater than <see cref="CollectionQuantum"/>.
    /// Timer ticks do not count as use.
    /// </summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Interval between passes of the idle collector. Default 1 minute; must be greater than zero. An idle
    /// activation therefore lives between <see cref="CollectionAge"/> and age + quantum.
    /// </summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Time allowed for all <c>OnDeactivateAsync</c> calls when the silo stops; their cancellation token is
    /// cancelled after it. Default 30 seconds; must be greater than zero.
    /// </summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
