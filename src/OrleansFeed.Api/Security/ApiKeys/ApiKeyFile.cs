using System.Security.Cryptography;
using System.Text;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.ApiKeys;

/// <summary>
/// Parses an API key file: one key per line, <c>name:key[:tier]</c> or <c>name:sha256:&lt;64 hex&gt;[:tier]</c>; blank
/// lines and lines starting with <c>#</c> are skipped. Keys may not contain <c>:</c>.
/// </summary>
public static class ApiKeyFile
{
    private const string HashPrefix = "sha256";

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="knownTiers">Tier names besides <c>default</c> that lines may name.</param>
    /// <returns>The keys, by hash.</returns>
    /// <exception cref="InvalidDataException">A line is malformed, a name repeats or a tier is unknown; the message names the
    /// file and line number but never the key.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyDictionary<string, ApiKeyEntry> Load(string path, IReadOnlyCollection<string> knownTiers) =>
        Parse(File.ReadAllLines(path), path, knownTiers);

    /// <summary>Parses key file lines (see the type's summary).</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="source">Named in error messages.</param>
    /// <param name="knownTiers">Tier names besides <c>default</c> that lines may name.</param>
    /// <returns>The keys, by lower-case hex SHA-256.</returns>
    /// <exception cref="InvalidDataException">As <see cref="Load"/>.</exception>
    public static IReadOnlyDictionary<string, ApiKeyEntry> Parse(IEnumerable<string> lines, string source, IReadOnlyCollection<string> knownTiers)
    {
        var byHash = new Dictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(':');
            var hashed = parts.Length >= 3 && parts[1] == HashPrefix;
            var keyParts = hashed ? 3 : 2;
            if (parts.Length < keyParts || parts.Length > keyParts + 1 || parts.Any(p => p.Length == 0))
            {
                throw Bad(source, number, "expected name:key, name:key:tier, name:sha256:<64 hex> or name:sha256:<64 hex>:tier");
            }

            var name = parts[0];
            string hash;
            if (hashed)
            {
                hash = parts[2].ToLowerInvariant();
                if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
                {
                    throw Bad(source, number, "a sha256 key must be 64 hex digits");
                }
            }
            else
            {
                hash = HashOf(parts[1]);
            }

            var tier = parts.Length > keyParts ? parts[keyParts] : ClientTierOptions.DefaultName;
            if (tier != ClientTierOptions.DefaultName && !knownTiers.Contains(tier))
            {
                throw Bad(source, number, $"tier '{tier}' is not configured under {SecurityOptions.SectionName}:Tiers");
            }

            if (!names.Add(name))
            {
                throw Bad(source, number, $"key name '{name}' appears twice");
            }

            if (!byHash.TryAdd(hash, new ApiKeyEntry(name, hash, tier)))
            {
                throw Bad(source, number, $"key '{name}' is the same key as '{byHash[hash].Name}'");
            }
        }

        return byHash;
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="key"/>'s UTF-8 bytes, the form a key file may hold instead of the key.</summary>
    /// <param name="key">The key as clients send it.</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static InvalidDataException Bad(string source, int line, string what) =>
        new($"{SecurityOptions.SectionName}:ApiKeysFile {source} line {line}: {what}.");
}
