using System.Reflection;
using OrleansFeed.Runtime.Catalog;

namespace OrleansFeed.Runtime.Activation;

/// <summary>
/// Base of the generated grain references: turns an interface call into a call on the grain's activation.
/// <see cref="DispatchProxy"/> derives the generated reference type from it (internal types are fine: the
/// generator emits IgnoresAccessChecksTo for this assembly).
/// </summary>
internal class GrainProxy : DispatchProxy
{
    private GrainCatalog? _catalog;
    private GrainId _grainId;
    private Type? _grainClass;

    /// <summary>The grain this reference points to.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => _grainId.ToString();

    /// <summary>Dispatches one interface call (see <see cref="DispatchProxy.Invoke"/>).</summary>
    /// <param name="targetMethod">The grain interface method.</param>
    /// <param name="args">Its arguments.</param>
    /// <returns>A Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; matching the method's return type.</returns>
    /// <exception cref="NotSupportedException">The method does not return one of the four task types.</exception>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var invoker = GrainMethodInvoker.For(targetMethod);
        return invoker.Invoke(_catalog!, _grainId, _grainClass!, args ?? []);
    }

    internal void Initialize(GrainCatalog catalog, GrainId grainId, Type grainClass)
    {
        _catalog = catalog;
        _grainId = grainId;
        _grainClass = grainClass;
    }
}
