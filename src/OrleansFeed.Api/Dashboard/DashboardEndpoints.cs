using System.Collections.Frozen;
using OrleansFeed.Api.Problems;

namespace OrleansFeed.Api.Dashboard;

/// <summary>
/// The live dashboard: plain HTML, CSS and JavaScript embedded in this assembly (no front-end build step), served at
/// <c>/</c> and <c>/dashboard/{file}</c>. The page only uses the public API: REST <c>/api/v1</c> and WebSocket <c>/ws</c>.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static IEndpointRouteBuilder MapOrleansFeedDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{file}", (string file) => Serve(file)).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(string file)
    {
        if (!Files.Value.TryGetValue(file, out var content) || !ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
        {
            return ApiProblems.NotFound("/dashboard/" + file);
        }

        return TypedResults.Bytes(content, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
