using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansFeed.Core.Numerics;

namespace OrleansFeed.Grains.Serialization;

/// <summary>
/// How Core's value types (<see cref="FixedDecimal"/>, <c>Timestamp</c>, <c>BookLevel</c>, <c>Trade</c>, the aggregation
/// results, ...) cross a grain call: Core stays free of Orleans, so its types are given to Orleans' System.Text.Json
/// codec here, with exact decimal text for <see cref="FixedDecimal"/>. The contracts in <c>OrleansFeed.Grains.Abstractions</c>
/// are <c>[Immutable]</c>: inside one silo they are passed by reference and never serialized.
/// </summary>
public static class FeedSerialization
{
    /// <summary>The JSON settings for Core types (also used by the JSON grain storage serializer).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>True for the types of the Core assembly (the ones this codec handles).</summary>
    /// <param name="type">A type Orleans asks about.</param>
    /// <returns>Whether the JSON codec serializes and copies it.</returns>
    public static bool IsCoreType(Type type) => type?.Assembly == typeof(FixedDecimal).Assembly;

    /// <summary>Registers the Core-type codec with an Orleans serializer (silo or client).</summary>
    /// <param name="builder">The serializer builder.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static ISerializerBuilder AddOrleansFeedSerialization(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(IsCoreType, IsCoreType, o => o.Configure(json => json.SerializerOptions = CreateJsonOptions()));

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { IncludeFields = false };
        options.Converters.Add(new FixedDecimalJsonConverter());
        return options;
    }
}
