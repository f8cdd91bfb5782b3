using OrleansFeed.Core.Instruments;

namespace OrleansFeed.Exchanges.Bybit;

/// <summary>
/// The Bybit v5 public market categories this connector serves, each its own WebSocket path
/// <c>/v5/public/{spot|linear|inverse}</c> and its own venue id (§7 "Endpoints"). A symbol such as <c>BTCUSDT</c>
/// names different instruments in spot and linear, so the category is part of the venue.
/// </summary>
public enum BybitCategory
{
    /// <summary>USDT/USDC perpetuals and dated linear futures (<c>/v5/public/linear</c>; the retired v2 <c>/realtime_public</c>).</summary>
    Linear,

    /// <summary>Spot pairs (<c>/v5/public/spot</c>).</summary>
    Spot,

    /// <summary>Coin-margined perpetuals and futures (<c>/v5/public/inverse</c>; the retired v2 <c>/realtime</c>).</summary>
    Inverse,
}

/// <summary>Facts about each <see cref="BybitCategory"/>.</summary>
public static class BybitCategoryInfo
{
    /// <summary>The venue id used in book keys: <c>bybit</c>, <c>bybit-spot</c>, <c>bybit-inverse</c> (<see cref="Venues"/>).</summary>
    /// <param name="category">The category.</param>
    /// <returns>The venue id.</returns>
    public static string VenueId(this BybitCategory category) => category switch
    {
        BybitCategory.Spot => Venues.BybitSpot,
        BybitCategory.Inverse => Venues.BybitInverse,
        _ => Venues.Bybit,
    };

    /// <summary>The category's name in URLs and the <c>category</c> query parameter.</summary>
    /// <param name="category">The category.</param>
    /// <returns><c>linear</c>, <c>spot</c> or <c>inverse</c>.</returns>
    public static string WireName(this BybitCategory category) => category switch
    {
        BybitCategory.Spot => "spot",
        BybitCategory.Inverse => "inverse",
        _ => "linear",
    };

    /// <summary>Which category a recorded WebSocket or REST URL belongs to: the <c>/v5/public/{category}</c> path, the
    /// <c>category=</c> query of <c>/v5/market/*</c>, or the v2 paths <c>/realtime_public</c> (linear) and <c>/realtime</c> (inverse).</summary>
    /// <param name="url">The URL.</param>
    /// <param name="category">The category.</param>
    /// <returns>False when the URL is not a Bybit public market-data URL.</returns>
    public static bool TryFromUrl(string url, out BybitCategory category)
    {
        category = BybitCategory.Linear;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.Host.Contains("bybit", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.StartsWith("/v5/public/", StringComparison.Ordinal))
        {
            return TryFromWireName(path["/v5/public/".Length..], out category);
        }

        if (path.StartsWith("/v5/market/", StringComparison.Ordinal))
        {
            var at = uri.Query.IndexOf("category=", StringComparison.Ordinal);
            var value = at < 0 ? "linear" : uri.Query[(at + 9)..].Split('&')[0];
            return TryFromWireName(value, out category);
        }

        if (path == "/realtime_public")
        {
            return true;
        }

        if (path == "/realtime")
        {
            category = BybitCategory.Inverse;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>linear</c>, <c>spot</c> or <c>inverse</c>.</summary>
    /// <param name="name">The text.</param>
    /// <param name="category">The category.</param>
    /// <returns>False for other text (e.g. <c>option</c>, not served).</returns>
    public static bool TryFromWireName(string name, out BybitCategory category)
    {
        category = name switch
        {
            "spot" => BybitCategory.Spot,
            "inverse" => BybitCategory.Inverse,
            _ => BybitCategory.Linear,
        };
        return name is "spot" or "inverse" or "linear";
    }
}
