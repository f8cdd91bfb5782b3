using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansFeed.Simulator.Listing;

/// <summary>The JSON contract of <see cref="SimulatorListing"/> (camelCase names, enum states as strings, nulls
/// omitted), shared by the simulator that writes it and <c>run --simulator</c> that reads it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulatorListing))]
public sealed partial class SimulatorListingJson : JsonSerializerContext;
