namespace OrleansFeed.Api.Security.ApiKeys;

/// <summary>One API key as loaded: its name (logged, used in counters and limits), the SHA-256 of the key and its tier.</summary>
/// <param name="Name">The key's name, the text before the first <c>:</c> of its line.</param>
/// <param name="Sha256Hex">Lower-case hex SHA-256 of the key's UTF-8 bytes; the key itself is never kept.</param>
/// <param name="Tier">Tier name; <c>default</c> when the line names none.</param>
public sealed record ApiKeyEntry(string Name, string Sha256Hex, string Tier);
