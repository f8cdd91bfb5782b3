namespace OrleansFeed.Runtime.Catalog;

/// <summary>One <c>AddGrain&lt;TInterface, TImpl&gt;()</c> call, collected from the service collection.</summary>
/// <param name="Interface">The grain interface.</param>
/// <param name="GrainClass">The implementing class (derives from <see cref="Grain"/>).</param>
internal sealed record GrainTypeRegistration(Type Interface, Type GrainClass);
