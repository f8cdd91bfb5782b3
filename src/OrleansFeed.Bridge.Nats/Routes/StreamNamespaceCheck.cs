using System.Reflection;
using OrleansFeed.Grains.Abstractions;

namespace OrleansFeed.Bridge.Nats.Routes;

/// <summary>
/// Whether the silo declares a stream namespace: a <c>const string</c> with that value on
/// <see cref="StreamNamespaces"/>. Lets the aggregator's routes sit in the table before the aggregator exists;
/// they switch on when its namespaces are declared.
/// </summary>
public static class StreamNamespaceCheck
{
    private static readonly HashSet<string> Declared = typeof(StreamNamespaces)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="streamNamespace"/> is a value declared on <see cref="StreamNamespaces"/>.</summary>
    /// <param name="streamNamespace">Namespace, e.g. <c>nbbo</c>.</param>
    /// <returns>True when declared.</returns>
    public static bool IsDeclared(string streamNamespace) => Declared.Contains(streamNamespace);
}
