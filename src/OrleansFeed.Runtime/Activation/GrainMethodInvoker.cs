using System.Collections.Concurrent;
using System.Reflection;
using OrleansFeed.Runtime.Catalog;

namespace OrleansFeed.Runtime.Activation;

/// <summary>
/// Calls one grain interface method, built once per <see cref="MethodInfo"/> and cached. A generic subclass
/// per result type lets the proxy return a correctly typed Task&lt;T&gt; or ValueTask&lt;T&gt; without reflection
/// per call.
/// </summary>
internal abstract class GrainMethodInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> Cache = new();

    protected GrainMethodInvoker(MethodInfo method) => Method = method;

    protected MethodInfo Method { get; }

    public static GrainMethodInvoker For(MethodInfo method) => Cache.GetOrAdd(method, Create);

    /// <summary>True for the four return types a grain method may have.</summary>
    public static bool IsSupportedReturnType(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask) ||
        (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)));

    /// <summary>Starts the call and returns the task object the proxy hands to the caller.</summary>
    public abstract object Invoke(GrainCatalog catalog, GrainId grainId, Type grainClass, object?[] args);

    private static GrainMethodInvoker Create(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type == typeof(Task))
        {
            return new TaskInvoker(method);
        }

        if (type == typeof(ValueTask))
        {
            return new ValueTaskInvoker(method);
        }

        if (!IsSupportedReturnType(type))
        {
            throw new NotSupportedException(
                $"Grain method {method.DeclaringType?.Name}.{method.Name} returns {type.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        var invokerType = type.GetGenericTypeDefinition() == typeof(Task<>) ? typeof(TaskInvoker<>) : typeof(ValueTaskInvoker<>);
        return (GrainMethodInvoker)Activator.CreateInstance(invokerType.MakeGenericType(type.GetGenericArguments()[0]), method)!;
    }
}

/// <summary>An invoker whose grain-side call yields <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The awaited result; <see cref="bool"/> (ignored) for Task and ValueTask.</typeparam>
internal abstract class GrainMethodInvoker<TResult> : GrainMethodInvoker
{
    protected GrainMethodInvoker(MethodInfo method)
        : base(method)
    {
    }

    /// <summary>Calls the method on the grain; runs inside the turn.</summary>
    public abstract ValueTask<TResult> InvokeOnGrain(Grain grain, object?[] args);

    // DoNotWrapExceptions: a synchronous throw reaches the caller as itself, not as TargetInvocationException.
    protected object InvokeRaw(Grain grain, object?[] args) =>
        Method.Invoke(grain, BindingFlags.DoNotWrapExceptions, null, args, null)
        ?? throw new InvalidOperationException($"Grain method {Method.DeclaringType?.Name}.{Method.Name} returned null instead of a task.");
}
