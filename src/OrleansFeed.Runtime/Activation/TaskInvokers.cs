using System.Reflection;
using OrleansFeed.Runtime.Catalog;

namespace OrleansFeed.Runtime.Activation;

/// <summary>Invoker for methods returning <see cref="Task"/>.</summary>
internal sealed class TaskInvoker(MethodInfo method) : GrainMethodInvoker<bool>(method)
{
    public override object Invoke(GrainCatalog catalog, GrainId grainId, Type grainClass, object?[] args) =>
        catalog.InvokeAsync(grainId, grainClass, this, args);

    public override async ValueTask<bool> InvokeOnGrain(Grain grain, object?[] args)
    {
        await ((Task)InvokeRaw(grain, args)).ConfigureAwait(false);
        return true;
    }
}

/// <summary>Invoker for methods returning <see cref="ValueTask"/>.</summary>
internal sealed class ValueTaskInvoker(MethodInfo method) : GrainMethodInvoker<bool>(method)
{
    public override object Invoke(GrainCatalog catalog, GrainId grainId, Type grainClass, object?[] args) =>
        new ValueTask(catalog.InvokeAsync(grainId, grainClass, this, args));

    public override async ValueTask<bool> InvokeOnGrain(Grain grain, object?[] args)
    {
        await ((ValueTask)InvokeRaw(grain, args)).ConfigureAwait(false);
        return true;
    }
}

/// <summary>Invoker for methods returning <see cref="Task{TResult}"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
internal sealed class TaskInvoker<T>(MethodInfo method) : GrainMethodInvoker<T>(method)
{
    public override object Invoke(GrainCatalog catalog, GrainId grainId, Type grainClass, object?[] args) =>
        catalog.InvokeAsync(grainId, grainClass, this, args);

    public override ValueTask<T> InvokeOnGrain(Grain grain, object?[] args) => new((Task<T>)InvokeRaw(grain, args));
}

/// <summary>Invoker for methods returning <see cref="ValueTask{TResult}"/>.</summary>
/// <typeparam name="T">The result type.</typeparam>
internal sealed class ValueTaskInvoker<T>(MethodInfo method) : GrainMethodInvoker<T>(method)
{
    public override object Invoke(GrainCatalog catalog, GrainId grainId, Type grainClass, object?[] args) =>
        new ValueTask<T>(catalog.InvokeAsync(grainId, grainClass, this, args));

    public override ValueTask<T> InvokeOnGrain(Grain grain, object?[] args) => (ValueTask<T>)InvokeRaw(grain, args);
}
