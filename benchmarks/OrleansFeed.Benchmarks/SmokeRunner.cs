using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace OrleansFeed.Benchmarks;

/// <summary>Debug-build smoke test: calls each benchmark's setup, every [Benchmark] method once, then cleanup.</summary>
internal static class SmokeRunner
{
    public static void RunAll(Assembly assembly)
    {
        var types = assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            var instance = Activator.CreateInstance(type)!;
            Invoke<GlobalSetupAttribute>(type, instance);
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                Invoke<IterationSetupAttribute>(type, instance);
                var result = Await(method.Invoke(instance, null));
                Console.WriteLine($"ok  {type.Name}.{method.Name} -> {result}");
            }

            Invoke<GlobalCleanupAttribute>(type, instance);
        }
    }

    private static void Invoke<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            Await(method.Invoke(instance, null));
        }
    }

    // Async benchmarks and setups (NATS) must finish before the next step; BenchmarkDotNet awaits them itself.
    private static object? Await(object? result)
    {
        if (result is not Task task)
        {
            return result;
        }

        task.GetAwaiter().GetResult();
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
